// Native demo and debug tool: one JSON assessment per input line.
//
//   rapport_cli [FILE]            read lines from FILE (or stdin), print JSON lines
//   rapport_cli --bench FILE [N]  time analyze_batch_json over FILE's lines in
//                                 batches of 256, N rounds (default 5); prints
//                                 messages per second of wall time and of CPU
//                                 time (the latter is steadier on a busy machine)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"

namespace {

bool read_all(const char* path, std::string* out) {
  FILE* f = path ? std::fopen(path, "rb") : stdin;
  if (!f) return false;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  if (path) std::fclose(f);
  return true;
}

std::vector<std::string_view> split_lines(const std::string& data) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < data.size()) {
    size_t end = data.find('\n', start);
    if (end == std::string::npos) end = data.size();
    size_t stop = end > start && data[end - 1] == '\r' ? end - 1 : end;
    lines.emplace_back(data.data() + start, stop - start);
    start = end + 1;
  }
  return lines;
}

int bench(const char* path, int rounds) {
  std::string data;
  if (!read_all(path, &data)) {
    std::fprintf(stderr, "rapport_cli: cannot read %s\n", path);
    return 1;
  }
  std::vector<std::string_view> lines = split_lines(data);
  constexpr size_t kBatch = 256;
  size_t bytes_out = 0;
  double best = 0, best_cpu = 0;
  for (int r = 0; r < rounds; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    std::clock_t c0 = std::clock();
    for (size_t i = 0; i < lines.size(); i += kBatch) {
      std::vector<std::string_view> batch(lines.begin() + i,
                                          lines.begin() + std::min(lines.size(), i + kBatch));
      bytes_out += rapport::analyze_batch_json(batch).size();
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    double rate = lines.size() / secs, cpu_rate = cpu > 0 ? lines.size() / cpu : 0;
    best = std::max(best, rate);
    best_cpu = std::max(best_cpu, cpu_rate);
    std::printf("round %d: %zu messages in %.3f s = %.0f messages/s (%.0f per CPU second)\n", r + 1,
                lines.size(), secs, rate, cpu_rate);
  }
  std::printf("best: %.0f messages/s, %.0f per CPU second (%zu JSON bytes written)\n", best, best_cpu,
              bytes_out);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "--bench") == 0)
    return bench(argv[2], argc >= 4 ? std::max(1, std::atoi(argv[3])) : 5);
  if (argc >= 2 && (std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "--help") == 0)) {
    std::puts("usage: rapport_cli [FILE] | rapport_cli --bench FILE [ROUNDS]");
    return 0;
  }
  std::string data;
  if (!read_all(argc >= 2 ? argv[1] : nullptr, &data)) {
    std::fprintf(stderr, "rapport_cli: cannot read %s\n", argv[1]);
    return 1;
  }
  std::string out;
  for (std::string_view line : split_lines(data)) {
    out.clear();
    rapport::append_assessment_json(out, rapport::analyze_message(line));
    out += '\n';
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return 0;
}
