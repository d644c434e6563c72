// What a customer's message is about, in a few words: the contact topics of
// models/topics.json (made by scripts/train-topics.mjs from Bitext and
// BANKING77 intents; held-out accuracy in models/TOPICS.md), embedded at
// build time. A logistic-regression classifier over word unigrams and
// bigrams; it abstains (null) when no topic reaches the model's threshold,
// so nothing is claimed that the text does not support.
#pragma once
#include <string>
#include <string_view>

namespace rapport::context {

struct TopicInfo {
  std::string id;      // "refund"
  std::string label;   // "refund": the topic in a few words
  std::string phrase;  // "your refund": for "in touch ... about <phrase>"
};

// The topic of `text`, or null when unsure; `*confidence` (optional) gets
// the model's probability of its best topic.
const TopicInfo* classify_topic(std::string_view text, double* confidence = nullptr);

// A topic by id; null for "" or an unknown id.
const TopicInfo* topic_info(std::string_view id);

// The embedded model (generated from models/topics.json).
std::string_view topic_model_json();

}  // namespace rapport::context
