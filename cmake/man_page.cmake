# Writes the man page OUTPUT with HELP2MAN from COMMAND's --help and --version, and a
# SUBCOMMANDS section with each subcommand's --help (cmake -P, at build time).
execute_process(COMMAND ${COMMAND} --help OUTPUT_VARIABLE help RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "${COMMAND} --help failed")
endif()
# The subcommands are the help's lines under "Subcommands:", each "  NAME  description".
string(REGEX REPLACE ".*\nSubcommands:\n" "" listed "${help}")
string(REGEX MATCHALL "(^|\n)  [a-z]+" names "${listed}")
set(section "[SUBCOMMANDS]\n")
foreach(name ${names})
  string(STRIP "${name}" name)
  execute_process(COMMAND ${COMMAND} ${name} --help OUTPUT_VARIABLE text RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "${COMMAND} ${name} --help failed")
  endif()
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  string(APPEND section ".SS ${name}\n.nf\n${text}.fi\n")
endforeach()
get_filename_component(folder ${OUTPUT} DIRECTORY)
file(WRITE ${folder}/loopix-sim.h2m "${section}")
execute_process(COMMAND ${HELP2MAN} --no-info --section=1 --include=${folder}/loopix-sim.h2m
                        "--name=a discrete-event simulator of the Loopix anonymity system" --output=${OUTPUT} ${COMMAND}
                RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "help2man failed for ${COMMAND}")
endif()
