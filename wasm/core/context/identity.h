// Normalized identity keys for matching one customer across sources.
// Strong keys (email, phone, helpdesk user id) may join events to a profile;
// names are only a weak signal: they can keep two profiles apart, never join
// them (resolver.h).
#pragma once
#include <string>
#include <string_view>

namespace rapport::context {

// Lower-cased, trimmed address. Plus-addressing tags are dropped only for
// providers that deliver "name+tag@" to "name@", and dots in the local part
// only where the provider ignores them (Gmail), so "Dana.Smith+shop@gmail.com"
// and "danasmith@gmail.com" are one key while "dana.smith@example.com" and
// "danasmith@example.com" stay two. Empty with `*error` set when `raw` is not
// an address.
std::string normalize_email(std::string_view raw, std::string* error);

// E.164 ("+15551234567"). Accepts "+", "00" and national forms written with
// spaces, dashes, dots and brackets; a national number ("0161 496 0000",
// "(555) 123-4567") needs `default_calling_code` ("44", "1"), whose trunk
// prefix 0 is dropped (the North American plan has none). Extensions
// ("x12", "ext. 12") are not part of the key. Empty with `*error` set otherwise.
std::string normalize_phone(std::string_view raw, std::string_view default_calling_code,
                            std::string* error);

// Lower-cased ASCII letters and digits in words separated by one space
// ("  Dana  O'Neil " -> "dana oneil"); other bytes (accented letters) kept.
std::string normalize_name(std::string_view raw);

// Whether two normalized names may be the same person: the first words agree
// (or one is the other's initial), and so do the last words when both names
// have more than one. "dana smith" ~ "dana", "d smith" ~ "dana smith";
// "tom smith" !~ "ann smith".
bool names_compatible(std::string_view a, std::string_view b);

// The first word of a display name as written ("Dana" of "Dana Smith").
std::string first_name(std::string_view display);

}  // namespace rapport::context
