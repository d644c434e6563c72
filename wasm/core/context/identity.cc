#include "context/identity.h"

#include <vector>

namespace rapport::context {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Providers that deliver "local+tag@domain" to "local@domain" (their help
// pages document it). Gmail also ignores dots in the local part; no other
// large provider does, so only Gmail's dots are dropped.
constexpr std::string_view kPlusProviders[] = {
    "gmail.com",   "googlemail.com", "outlook.com", "hotmail.com", "live.com",
    "msn.com",     "icloud.com",     "me.com",      "mac.com",     "fastmail.com",
    "fastmail.fm", "protonmail.com", "proton.me",   "pm.me"};

bool ignores_plus(std::string_view domain) {
  for (std::string_view p : kPlusProviders) {
    if (domain == p) return true;
  }
  return false;
}

bool ignores_dots(std::string_view domain) { return domain == "gmail.com"; }

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// "d" ~ "dana", "dana" ~ "dana"; "dan" !~ "dana" (a prefix that is not an
// initial is another name: Dan and Dana).
bool word_compatible(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.size() == 1) return b.front() == a.front();
  if (b.size() == 1) return a.front() == b.front();
  return false;
}

}  // namespace

std::string normalize_email(std::string_view raw, std::string* error) {
  std::string_view s = trim(raw);
  if (s.size() > 7) {
    std::string scheme;
    for (char c : s.substr(0, 7)) scheme += lower(c);
    if (scheme == "mailto:") s.remove_prefix(7);
  }
  size_t at = s.rfind('@');
  if (s.empty() || at == std::string_view::npos || at == 0 || at + 1 >= s.size()) {
    *error = "is not an email address (expected name@domain)";
    return {};
  }
  std::string local, domain;
  for (char c : s.substr(0, at)) {
    if (is_space(c) || c == '@' || c == '<' || c == '>' || c == ',') {
      *error = "is not an email address (space or '@<>,' in the name part)";
      return {};
    }
    local += lower(c);
  }
  for (char c : s.substr(at + 1)) {
    if (is_space(c) || c == '<' || c == '>' || c == ',') {
      *error = "is not an email address (space or '<>,' in the domain)";
      return {};
    }
    domain += lower(c);
  }
  if (domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.') {
    *error = "is not an email address (the domain needs a dot, e.g. example.com)";
    return {};
  }
  if (domain == "googlemail.com") domain = "gmail.com";  // one mailbox, two domains
  if (ignores_plus(domain)) {
    size_t plus = local.find('+');
    if (plus != std::string::npos) local.resize(plus);
  }
  if (ignores_dots(domain)) {
    std::string kept;
    for (char c : local) {
      if (c != '.') kept += c;
    }
    local = kept;
  }
  if (local.empty()) {
    *error = "is not an email address (empty name part)";
    return {};
  }
  return local + "@" + domain;
}

std::string normalize_phone(std::string_view raw, std::string_view default_calling_code,
                            std::string* error) {
  std::string_view s = trim(raw);
  // The extension is not part of the number.
  for (std::string_view mark : {"ext", "Ext", "EXT", "x", "X", "#"}) {
    size_t p = s.find(mark);
    if (p != std::string_view::npos && p > 0) s = trim(s.substr(0, p));
  }
  if (s.size() > 4 && s.substr(0, 4) == "tel:") s.remove_prefix(4);
  // "+44 (0)20 ..." marks the trunk 0 that is not dialled from abroad.
  std::string without_trunk;
  if (size_t p = s.find("(0)"); p != std::string_view::npos) {
    without_trunk = std::string(s.substr(0, p)) + std::string(s.substr(p + 3));
    s = without_trunk;
  }
  bool international = false;
  std::string digits;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty() && !international) {
      international = true;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/') {
      *error = std::string("is not a phone number (unexpected '") + c + "')";
      return {};
    }
  }
  if (!international && digits.size() > 2 && digits.compare(0, 2, "00") == 0) {
    digits.erase(0, 2);
    international = true;
  }
  if (!international) {
    if (default_calling_code.empty()) {
      *error = "is a national number; write it with its country code (+44...) or set defaultCallingCode";
      return {};
    }
    std::string cc(default_calling_code);
    if (cc == "1") {
      // North American numbering: 10 digits, or 11 with the leading 1.
      if (digits.size() == 11 && digits[0] == '1') digits.erase(0, 1);
      if (digits.size() != 10) {
        *error = "is not a North American number (10 digits)";
        return {};
      }
    } else if (!digits.empty() && digits[0] == '0') {
      digits.erase(0, 1);  // trunk prefix
    }
    digits = cc + digits;
  }
  // E.164: at most 15 digits; the shortest real numbers have 8 or so.
  if (digits.size() < 8 || digits.size() > 15 || digits[0] == '0') {
    *error = "is not a phone number (E.164 has 8 to 15 digits after the country code's +)";
    return {};
  }
  return "+" + digits;
}

std::string normalize_name(std::string_view raw) {
  std::string out;
  bool space = false;
  for (char c : trim(raw)) {
    unsigned char u = static_cast<unsigned char>(c);
    if (is_space(c) || c == '-' || c == ',') {
      space = !out.empty();
      continue;
    }
    if (u < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      continue;  // "O'Neil" -> "oneil", "D." -> "d"
    }
    if (space) out += ' ';
    space = false;
    out += lower(c);
  }
  return out;
}

bool names_compatible(std::string_view a, std::string_view b) {
  auto wa = words(a), wb = words(b);
  if (wa.empty() || wb.empty()) return true;  // nothing to disagree about
  if (!word_compatible(wa.front(), wb.front())) return false;
  if (wa.size() > 1 && wb.size() > 1 && !word_compatible(wa.back(), wb.back())) return false;
  return true;
}

std::string first_name(std::string_view display) {
  std::string_view s = trim(display);
  size_t end = 0;
  while (end < s.size() && !is_space(s[end])) ++end;
  std::string out(s.substr(0, end));
  while (!out.empty() && (out.back() == ',' || out.back() == '.')) out.pop_back();
  // "D." is an initial, not something to greet anyone by.
  return out.size() > 1 ? out : std::string();
}

}  // namespace rapport::context
