// `loopix-sim trace export FILE --npy`: a checked trace or observation stream as a NumPy .npy
// file (format 1.0: a header naming the structured dtype and the shape, then the records'
// bytes as they are in FILE), which numpy.load(path, mmap_mode="r") reads alone, and beside it
// a JSON file of the same stem that says what every field and every enum code means.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/record_file.h"

namespace cli {

// The header of a .npy file holding `records` records of the structured dtype `descr`
// (NumPy's descr syntax, such as "[('time_ns', '<i8'), ('node', '<u4')]"), padded so the data
// starts at a multiple of 64 bytes.
std::string npy_header(const std::string& descr, std::uint64_t records);

// What a .npy export of one record file holds: its dtype and the JSON that describes it.
struct NpyLayout {
  std::string descr;
  nlohmann::ordered_json metadata;  // "what", "fields" and "codes"
};
NpyLayout trace_layout();
NpyLayout observation_layout();

// Writes OUTPUT (.npy) and its metadata (OUTPUT with .json for .npy) from the first `records`
// records of SOURCE, a record file of `format` whose every record has been checked. Both
// appear whole or not at all.
void write_npy(const std::string& source, const core::RecordFormat& format, std::uint64_t records,
               const NpyLayout& layout, const std::string& output);

// The default output of a .npy export of SOURCE: SOURCE with its extension replaced by .npy.
std::string npy_path_for(const std::string& source);
// The metadata file beside an export: OUTPUT with .npy replaced by (or .json appended).
std::string npy_metadata_path(const std::string& output);

}  // namespace cli
