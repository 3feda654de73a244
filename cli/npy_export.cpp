#include "cli/npy_export.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "core/adversary/observation.h"
#include "core/atomic_file.h"
#include "core/vocabulary.h"

namespace cli {
namespace {

// {"0": name(0), ...} for the codes of an enum with `count` values.
template <typename Enum>
nlohmann::ordered_json codes(int count) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (int i = 0; i < count; ++i) out[std::to_string(i)] = std::string(core::name(static_cast<Enum>(i)));
  return out;
}

const char* kNoNodeNote = "4294967295 (0xffffffff) where there is none";

}  // namespace

std::string npy_header(const std::string& descr, std::uint64_t records) {
  std::string dict = "{'descr': " + descr + ", 'fortran_order': False, 'shape': (" + std::to_string(records) + ",), }";
  // magic (6) + version (2) + header length (2) + dict + padding + '\n', a multiple of 64
  const std::size_t unpadded = 10 + dict.size() + 1;
  dict.append((64 - unpadded % 64) % 64, ' ');
  dict.push_back('\n');
  if (dict.size() > 0xffff) throw std::logic_error("npy header too long");
  std::string header("\x93NUMPY\x01\x00", 8);
  header.push_back(static_cast<char>(dict.size() & 0xff));
  header.push_back(static_cast<char>(dict.size() >> 8));
  return header + dict;
}

NpyLayout trace_layout() {
  NpyLayout l;
  l.descr = "[('time_ns', '<i8'), ('sent_ns', '<i8'), ('packet', '<u8'), ('message', '<u8'), ('node', '<u4'), "
            "('peer', '<u4'), ('event', '|u1'), ('kind', '|u1'), ('reason', '|u1'), ('reserved', '|V5')]";
  l.metadata = {
      {"what", "loopix-sim trace: one record per hop event, in time order"},
      {"fields",
       {{"time_ns", "when the event happened, ns of simulated time"},
        {"sent_ns", "when the packet's originator sent it, ns"},
        {"packet", "packet id"},
        {"message", "message id"},
        {"node", "where it happened (node id)"},
        {"peer", std::string("the other end: previous hop (arrive), next hop (send, depart), provider (fetch); ") + kNoNodeNote},
        {"event", "what happened (codes: event)"},
        {"kind", "what the packet is, ground truth (codes: kind)"},
        {"reason", "why a dropped packet was dropped (codes: reason; 0 none otherwise)"},
        {"reserved", "zero bytes"}}},
      {"codes",
       {{"event", codes<core::HopEvent>(core::kHopEvents)},
        {"kind", codes<core::TrafficKind>(core::kTrafficKinds)},
        {"reason", codes<core::DropReason>(core::kDropReasons)}}}};
  return l;
}

NpyLayout observation_layout() {
  NpyLayout l;
  l.descr = "[('time_ns', '<i8'), ('entered_ns', '<i8'), ('node', '<u4'), ('peer', '<u4'), ('from', '<u4'), "
            "('packets', '<u4'), ('kind', '|u1'), ('reserved', '|V7')]";
  l.metadata = {
      {"what", "loopix-sim observation stream: what the scenario's adversary observed, in time order"},
      {"fields",
       {{"time_ns", "when it was seen, ns of simulated time"},
        {"entered_ns", "mix_io: when the packet entered the mix, ns; 0 otherwise"},
        {"node", "the sender of a link; the node that saw it otherwise"},
        {"peer", "the other end (see the kind)"},
        {"from", std::string("mix_io: the previous hop; ") + kNoNodeNote},
        {"packets", "pull: packets from the inbox in the answer; link: 1 for the active adversary's own packet; 0 otherwise"},
        {"kind", "what was observed (codes: kind)"},
        {"reserved", "zero bytes"}}},
      {"codes", {{"kind", codes<core::ObservationKind>(core::kObservationKinds)}}}};
  return l;
}

void write_npy(const std::string& source, const core::RecordFormat& format, std::uint64_t records,
               const NpyLayout& layout, const std::string& output) {
  std::ifstream in(source, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(core::kRecordFileHeaderSize));
  if (!in) throw std::runtime_error(source + ": cannot read");
  core::AtomicFile npy(output);
  npy.stream() << npy_header(layout.descr, records);
  std::vector<char> buffer(format.record_size * 4096);
  for (std::uint64_t left = records * format.record_size; left > 0;) {
    const auto n = static_cast<std::streamsize>(std::min<std::uint64_t>(left, buffer.size()));
    if (!in.read(buffer.data(), n)) throw std::runtime_error(source + ": changed while it was exported");
    npy.stream().write(buffer.data(), n);
    left -= static_cast<std::uint64_t>(n);
  }
  nlohmann::ordered_json metadata = layout.metadata;
  metadata["records"] = records;
  metadata["source"] = std::filesystem::path(source).filename().string();
  metadata["read_with"] = "numpy.load(\"" + std::filesystem::path(output).filename().string() + "\", mmap_mode=\"r\")";
  core::AtomicFile json(npy_metadata_path(output));
  json.stream() << metadata.dump(2) << '\n';
  npy.commit();
  json.commit();
}

std::string npy_path_for(const std::string& source) {
  return std::filesystem::path(source).replace_extension(".npy").string();
}

std::string npy_metadata_path(const std::string& output) {
  const std::filesystem::path p(output);
  if (p.extension() == ".npy") return std::filesystem::path(p).replace_extension(".json").string();
  return output + ".json";
}

}  // namespace cli
