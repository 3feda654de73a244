// Entry point of the loopix-sim executable.
#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) { return cli::run_cli(argc, argv, std::cout, std::cerr); }
