// Identity normalization: what makes two emails, phones or names one.
#include <gtest/gtest.h>

#include "context/identity.h"

namespace {

using namespace rapport::context;

std::string email(const std::string& raw) {
  std::string error;
  std::string out = normalize_email(raw, &error);
  return out.empty() ? "error: " + error : out;
}

std::string phone(const std::string& raw, const std::string& cc = "") {
  std::string error;
  std::string out = normalize_phone(raw, cc, &error);
  return out.empty() ? "error: " + error : out;
}

TEST(ContextEmail, CaseAndSpacesNeverMatter) {
  EXPECT_EQ(email("  Dana.Smith@Example.COM "), "dana.smith@example.com");
  EXPECT_EQ(email("mailto:dana@example.com"), "dana@example.com");
}

TEST(ContextEmail, GmailIgnoresDotsAndPlusTags) {
  EXPECT_EQ(email("Dana.Smith+shop@gmail.com"), "danasmith@gmail.com");
  EXPECT_EQ(email("danasmith@googlemail.com"), "danasmith@gmail.com");
}

TEST(ContextEmail, PlusTagsOnlyWhereTheProviderDropsThem) {
  EXPECT_EQ(email("dana+news@outlook.com"), "dana@outlook.com");
  EXPECT_EQ(email("dana.smith+news@icloud.com"), "dana.smith@icloud.com");  // dots kept: iCloud honours them
  EXPECT_EQ(email("dana+news@example.com"), "dana+news@example.com");
  EXPECT_EQ(email("dana.smith@example.com"), "dana.smith@example.com");
}

TEST(ContextEmail, RejectsWhatIsNoAddress) {
  EXPECT_EQ(email("dana"), "error: is not an email address (expected name@domain)");
  EXPECT_EQ(email("@example.com"), "error: is not an email address (expected name@domain)");
  EXPECT_EQ(email("dana@localhost"), "error: is not an email address (the domain needs a dot, e.g. example.com)");
  EXPECT_EQ(email("da na@example.com"), "error: is not an email address (space or '@<>,' in the name part)");
  EXPECT_EQ(email("+tag@gmail.com"), "error: is not an email address (empty name part)");
}

TEST(ContextPhone, InternationalFormsToE164) {
  EXPECT_EQ(phone("+44 7700 900123"), "+447700900123");
  EXPECT_EQ(phone("+44 (0)7700-900123"), "+447700900123") << "(0): the trunk 0, not dialled from abroad";
  EXPECT_EQ(phone("0044 7700-900123"), "+447700900123");
  EXPECT_EQ(phone("tel:+1-555-201-0001"), "+15552010001");
  EXPECT_EQ(phone("+1 (555) 201-0001 ext. 12"), "+15552010001");
}

TEST(ContextPhone, NationalFormsNeedTheDefaultCallingCode) {
  EXPECT_EQ(phone("07700 900123", "44"), "+447700900123");
  EXPECT_EQ(phone("(555) 201-0001", "1"), "+15552010001");
  EXPECT_EQ(phone("1 555 201 0001", "1"), "+15552010001");
  EXPECT_EQ(phone("555 0001", "1"), "error: is not a North American number (10 digits)");
  EXPECT_EQ(phone("07700 900123"),
            "error: is a national number; write it with its country code (+44...) or set defaultCallingCode");
  EXPECT_EQ(phone("call me", "44"), "error: is not a phone number (unexpected 'c')");
}

TEST(ContextName, NormalizedWords) {
  EXPECT_EQ(normalize_name("  Dana   O'Neil "), "dana oneil");
  EXPECT_EQ(normalize_name("D. Smith"), "d smith");
  EXPECT_EQ(normalize_name("Smith, Dana"), "smith dana");
}

TEST(ContextName, CompatibleOnlyWhenNothingDisagrees) {
  EXPECT_TRUE(names_compatible("dana smith", "dana"));
  EXPECT_TRUE(names_compatible("d smith", "dana smith"));
  EXPECT_TRUE(names_compatible("", "anyone"));
  EXPECT_FALSE(names_compatible("tom smith", "ann smith"));
  EXPECT_FALSE(names_compatible("dana smith", "dana jones"));
  EXPECT_FALSE(names_compatible("dan", "dana")) << "a longer name is another name, not an initial";
}

TEST(ContextName, FirstNameToGreetBy) {
  EXPECT_EQ(first_name("Dana Smith"), "Dana");
  EXPECT_EQ(first_name("  Ann "), "Ann");
  EXPECT_EQ(first_name("D. Smith"), "") << "an initial is nothing to greet by";
  EXPECT_EQ(first_name(""), "");
}

}  // namespace
