// Shared by the libFuzzer targets: a scratch folder of this process, where an input is
// written as the file a reader expects, and the small network every target works on.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/config/scenario.h"
#include "core/model/topology/topology.h"

namespace fuzz {

// A folder of this process's own, made once, under TMPDIR (or /tmp).
inline const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("loopix-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

// Writes SIZE bytes at DATA, after PREFIX, as FILE in the scratch folder; returns its path.
inline std::string write_input(const std::string& file, const std::uint8_t* data, std::size_t size,
                               const std::string& prefix = "") {
  const std::filesystem::path path = scratch() / file;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << prefix;
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path.string();
}

// Two providers, two layers of two mixes, eight clients, 30 simulated seconds, observed by a
// GPA, a corrupt provider and a corrupt mix, attacked and with an outage, watched by loops: the scenario the Sphinx, trace and observation
// targets read packets and records for.
inline core::Scenario small_scenario() {
  core::Scenario s = core::parse_scenario(
      {{"name", "fuzz"},
       {"seed", 7},
       {"run", {{"horizon", 30}, {"warmup", 5}}},
       {"topology", {{"providers", 2}, {"layers", 2}, {"mixes_per_layer", 2}, {"clients", 8}}},
       {"anonymity", {{"levels", {"message", "sender"}}}},
       {"challenge", {{"senders", {0, 1}}, {"recipient", 2}, {"duration", 20}}},
       {"adversary", {{"gpa", true}, {"corrupt_providers", {0}}, {"corrupt", {1}}, {"window", 2},
                      {"disclosure", {{"targets", {0, 3}}, {"round", 4}}},
                      {"block", {{"mixes", {2}}, {"fraction", 0.3}, {"start", 10}, {"spare", {1}}, {"flood", 2}}}}},
       {"faults", {{"outage", {{"mixes", {3}}, {"start", 20}, {"duration", 3}}}}},
       {"detection", {{"window", 2}, {"clients", true}}}},
      "fuzz");
  return s;
}

}  // namespace fuzz
