// Identity resolution: which customer profile each event belongs to.
//
// Strong keys join: a helpdesk user id (per source), a normalized email, an
// E.164 phone, and, when an event carries none of them, its conversation.
// An event whose keys point at two profiles merges them, and the merge
// records why. Names never join anything; they keep profiles apart instead:
// a profile found through an email or phone whose known names disagree with
// the event's ("Tom Smith" vs "Ann Smith" on one family address) is not
// joined: the event gets its own profile, the key becomes shared, and a link
// records the possible match for a person to decide (a wrong merge would show
// one person's history to another; a missed one costs a click).
//
// Everything is replayable: the same events in the same order plus the same
// decisions (manual merges, undone merges) give the same profiles with the
// same ids, so undoing a merge is a replay with that pair kept apart.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "context/event.h"

namespace rapport::context {

struct Customer {
  std::string id;        // "c_" + hash of the key that founded it: stable over replays
  int parent = -1;       // union-find: the profile it was merged into, -1 for a root
  std::vector<int> members;  // on a root: every profile merged into it, itself first
  std::vector<uint32_t> events;  // indices of events placed on this profile itself
  std::vector<std::string> keys;  // strong keys it holds ("email:...", "phone:...", ...)
  std::vector<std::string> emails_display;
  std::vector<std::string> names;          // normalized, as seen
  std::vector<std::string> names_display;  // as written, same order
  uint32_t last_event = 0;                 // the latest event placed (insertion order)
};

struct Merge {
  std::string id;  // "m_" + hash of both profile ids
  int survivor = -1, absorbed = -1;
  std::string reason;
  bool manual = false;
};

struct Link {  // a possible match that was not merged
  int a = -1, b = -1;
  std::string reason;
};

class Resolver {
 public:
  // Kept-apart pairs (customer ids) from undone merges: never merged again.
  void set_blocked(std::set<std::pair<std::string, std::string>> blocked) { blocked_ = std::move(blocked); }

  // Places event `index` (its keys in `e`); fills e.matched_by / e.ambiguous.
  void place(Event* e, uint32_t index);

  // Joins two profiles by hand. False when either is unknown or both are one.
  bool merge(const std::string& a, const std::string& b, const std::string& reason);

  int find(int c) const;
  int by_id(const std::string& id) const;  // any profile id, merged or not; -1 when unknown
  int by_key(const std::string& key) const;  // the root holding a key; -1 when none or shared
  std::vector<int> roots_by_key(const std::string& key) const;  // every root holding it
  const std::vector<Customer>& customers() const { return customers_; }
  const std::vector<Merge>& merges() const { return merges_; }
  const std::vector<Link>& links() const { return links_; }
  // The root profile event `index` sits on now.
  int owner_of(uint32_t index) const { return find(event_owner_[index]); }
  // Events of the profile `root` and everything merged into it.
  std::vector<uint32_t> events_of(int root) const;

 private:
  int create(const std::string& founding_key);
  void join(int survivor, int absorbed, const std::string& reason, bool manual);
  bool blocked(int x, int y) const;
  bool names_conflict(int root, const std::string& name) const;
  bool clusters_conflict(int x, int y) const;
  bool has_names(int root) const;
  std::string display_name(int root) const;  // the first name written for it
  bool holds(int root, const std::string& key) const;
  void link(int a, int b, std::string reason);
  void add_keys(int target, const Event& e, const std::vector<std::string>& keys);

  std::vector<Customer> customers_;
  std::unordered_map<std::string, int> ids_;
  std::unordered_map<std::string, std::vector<int>> owners_;  // key -> profiles holding it
  std::vector<Merge> merges_;
  std::vector<Link> links_;
  std::set<std::pair<std::string, std::string>> blocked_;
  std::vector<int> event_owner_;  // event index -> the profile it was placed on
};

// The strong keys of an event, strongest first, and a label for each.
std::vector<std::pair<std::string, const char*>> strong_keys(const Event& e);

}  // namespace rapport::context
