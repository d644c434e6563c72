#include "context/resolver.h"

#include <algorithm>

#include "context/identity.h"

namespace rapport::context {
namespace {

bool is_user_key(const std::string& key) { return key.compare(0, 5, "user:") == 0; }

// "email dana@example.com" from "email:dana@example.com"; user keys read
// "zendesk user 42".
std::string describe_key(const std::string& key) {
  size_t colon = key.find(':');
  std::string kind = key.substr(0, colon), value = key.substr(colon + 1);
  if (kind == "user") {
    size_t second = value.find(':');
    return value.substr(0, second) + " user " + value.substr(second + 1);
  }
  return kind + " " + value;
}

template <typename T>
void push_unique(std::vector<T>* v, const T& x) {
  if (std::find(v->begin(), v->end(), x) == v->end()) v->push_back(x);
}

}  // namespace

std::vector<std::pair<std::string, const char*>> strong_keys(const Event& e) {
  std::vector<std::pair<std::string, const char*>> keys;
  if (!e.who.user_id.empty()) keys.emplace_back("user:" + e.source + ":" + e.who.user_id, "userId");
  if (!e.who.email.empty()) keys.emplace_back("email:" + e.who.email, "email");
  if (!e.who.phone.empty()) keys.emplace_back("phone:" + e.who.phone, "phone");
  return keys;
}

int Resolver::find(int c) const {
  while (customers_[c].parent >= 0) c = customers_[c].parent;
  return c;
}

int Resolver::by_id(const std::string& id) const {
  auto it = ids_.find(id);
  return it == ids_.end() ? -1 : it->second;
}

int Resolver::by_key(const std::string& key) const {
  auto it = owners_.find(key);
  if (it == owners_.end()) return -1;
  int root = -1;
  for (int owner : it->second) {
    int r = find(owner);
    if (root >= 0 && r != root) return -1;  // shared: no single answer
    root = r;
  }
  return root;
}

std::vector<int> Resolver::roots_by_key(const std::string& key) const {
  std::vector<int> roots;
  auto it = owners_.find(key);
  if (it != owners_.end()) {
    for (int owner : it->second) push_unique(&roots, find(owner));
  }
  return roots;
}

std::vector<uint32_t> Resolver::events_of(int root) const {
  std::vector<uint32_t> out;
  for (int m : customers_[root].members) {
    out.insert(out.end(), customers_[m].events.begin(), customers_[m].events.end());
  }
  return out;
}

int Resolver::create(const std::string& founding_key) {
  std::string id = "c_" + hash_hex(founding_key, 12);
  for (int n = 2; ids_.count(id); ++n) id = "c_" + hash_hex(founding_key + "#" + std::to_string(n), 12);
  int index = static_cast<int>(customers_.size());
  customers_.push_back(Customer{});
  customers_.back().id = id;
  customers_.back().members.push_back(index);
  ids_[id] = index;
  return index;
}

void Resolver::join(int survivor, int absorbed, const std::string& reason, bool manual) {
  Customer& s = customers_[survivor];
  Customer& a = customers_[absorbed];
  a.parent = survivor;
  s.members.insert(s.members.end(), a.members.begin(), a.members.end());
  a.members.clear();
  s.last_event = std::max(s.last_event, a.last_event);
  merges_.push_back(Merge{"m_" + hash_hex(s.id + "+" + a.id, 12), survivor, absorbed, reason, manual});
}

bool Resolver::blocked(int x, int y) const {
  for (const auto& [p, q] : blocked_) {
    int ip = by_id(p), iq = by_id(q);
    if (ip < 0 || iq < 0) continue;
    int rp = find(ip), rq = find(iq);
    if ((rp == x && rq == y) || (rp == y && rq == x)) return true;
  }
  return false;
}

bool Resolver::names_conflict(int root, const std::string& name) const {
  bool any = false;
  for (int m : customers_[root].members) {
    for (const std::string& known : customers_[m].names) {
      if (names_compatible(known, name)) return false;
      any = true;
    }
  }
  return any;
}

std::string Resolver::display_name(int root) const {
  for (int m : customers_[root].members) {
    if (!customers_[m].names_display.empty()) return customers_[m].names_display.front();
  }
  return "";
}

bool Resolver::has_names(int root) const {
  for (int m : customers_[root].members) {
    if (!customers_[m].names.empty()) return true;
  }
  return false;
}

bool Resolver::holds(int root, const std::string& key) const {
  for (int m : customers_[root].members) {
    const auto& keys = customers_[m].keys;
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) return true;
  }
  return false;
}

bool Resolver::clusters_conflict(int x, int y) const {
  bool any = false;
  for (int m : customers_[y].members) {
    for (const std::string& name : customers_[m].names) {
      if (!names_conflict(x, name)) return false;
      any = true;
    }
  }
  return any;
}

void Resolver::link(int a, int b, std::string reason) {
  for (const Link& l : links_) {
    if ((find(l.a) == find(a) && find(l.b) == find(b)) || (find(l.a) == find(b) && find(l.b) == find(a))) return;
  }
  links_.push_back(Link{a, b, std::move(reason)});
}

void Resolver::add_keys(int target, const Event& e, const std::vector<std::string>& keys) {
  Customer& c = customers_[target];
  for (const std::string& key : keys) {
    std::vector<int>& owners = owners_[key];
    bool held = false;
    for (int o : owners) held = held || find(o) == target;
    // A key already held elsewhere becomes shared: both profiles keep it.
    if (!held) owners.push_back(target);
    push_unique(&c.keys, key);
  }
  if (!e.who.name.empty()) {
    if (std::find(c.names.begin(), c.names.end(), e.who.name) == c.names.end()) {
      c.names.push_back(e.who.name);
      c.names_display.push_back(e.who.name_display);
    }
  }
}

void Resolver::place(Event* e, uint32_t index) {
  auto keys = strong_keys(*e);
  struct Match {
    int root;
    size_t key;  // index into keys: 0 is the strongest
  };
  std::vector<Match> sure;   // profiles found through a key only they hold
  std::vector<Match> shared;  // profiles found through a key several hold
  for (size_t k = 0; k < keys.size(); ++k) {
    auto it = owners_.find(keys[k].first);
    if (it == owners_.end()) continue;
    std::vector<int> roots;
    for (int o : it->second) push_unique(&roots, find(o));
    auto& into = roots.size() == 1 ? sure : shared;
    for (int r : roots) {
      bool seen = false;
      for (const Match& m : into) seen = seen || m.root == r;
      if (!seen) into.push_back(Match{r, k});
    }
  }
  // Names keep profiles apart, except behind a helpdesk account (one person
  // even when the account's display name changes).
  std::vector<Match> dropped;
  if (!e->who.name.empty()) {
    for (auto* list : {&sure, &shared}) {
      auto split = std::stable_partition(list->begin(), list->end(), [&](const Match& m) {
        return is_user_key(keys[m.key].first) || !names_conflict(m.root, e->who.name);
      });
      dropped.insert(dropped.end(), split, list->end());
      list->erase(split, list->end());
    }
  }

  int target = -1;
  if (!sure.empty()) {
    target = sure[0].root;
    e->matched_by = keys[sure[0].key].second;
    for (size_t i = 1; i < sure.size(); ++i) {
      int other = find(sure[i].root);
      target = find(target);
      if (other == target) continue;
      std::string together = describe_key(keys[sure[0].key].first) + " and " +
                             describe_key(keys[sure[i].key].first) + " on one " +
                             event_type_name(e->type) + " (" + e->source + ", " + e->at + ")";
      if (blocked(target, other)) {
        link(target, other, together + "; kept apart because a merge of these was undone");
      } else if (clusters_conflict(target, other)) {
        link(target, other, together + "; not merged because the names differ");
      } else {
        int survivor = std::min(target, other), absorbed = std::max(target, other);
        join(survivor, absorbed, together, false);
        target = survivor;
      }
    }
  } else if (!shared.empty()) {
    // Several profiles share the key (a family address): the one whose name
    // agrees, else the one most recently in touch through it.
    std::vector<Match> named;
    if (!e->who.name.empty()) {
      for (const Match& m : shared) {
        if (has_names(m.root)) named.push_back(m);
      }
    }
    const auto& pool = named.size() == 1 ? named : shared;
    target = pool[0].root;
    for (const Match& m : pool) {
      if (customers_[m.root].last_event > customers_[target].last_event) target = m.root;
    }
    e->matched_by = keys[pool[0].key].second;
    e->ambiguous = pool.size() > 1;
  }
  std::string conversation_key;
  if (!e->conversation.empty()) conversation_key = "conversation:" + e->source + ":" + e->conversation;
  if (target < 0 && keys.empty()) {
    if (int owner = by_key(conversation_key); owner >= 0) {
      target = owner;
      e->matched_by = "conversation";
    }
  }
  if (target < 0) {
    std::string founding;
    for (const auto& k : keys) {
      if (founding.empty() && !owners_.count(k.first)) founding = k.first;
    }
    if (founding.empty()) founding = keys.empty() ? conversation_key : keys[0].first;
    target = create(founding);
    e->matched_by = "new";
  }
  target = find(target);
  for (const Match& d : dropped) {
    if (find(d.root) == target) continue;
    link(target, d.root, "both use " + describe_key(keys[d.key].first) + ", but the names differ (" +
                             display_name(d.root) + ", " + e->who.name_display + ")");
  }
  std::vector<std::string> key_names;
  for (const auto& k : keys) key_names.push_back(k.first);
  // The conversation belongs to its first profile; it never joins two.
  if (!conversation_key.empty() && !owners_.count(conversation_key)) key_names.push_back(conversation_key);
  // One spelling per address ("Dana.Smith@gmail.com" and "danasmith@gmail.com" are one).
  if (!e->who.email.empty() && !holds(target, "email:" + e->who.email)) {
    customers_[target].emails_display.push_back(e->who.email_display);
  }
  add_keys(target, *e, key_names);
  if (event_owner_.size() <= index) event_owner_.resize(index + 1, target);
  event_owner_[index] = target;
  customers_[target].events.push_back(index);
  customers_[target].last_event = index;
}

bool Resolver::merge(const std::string& a, const std::string& b, const std::string& reason) {
  int ia = by_id(a), ib = by_id(b);
  if (ia < 0 || ib < 0) return false;
  int ra = find(ia), rb = find(ib);
  if (ra == rb) return false;
  join(std::min(ra, rb), std::max(ra, rb), reason, true);
  return true;
}

}  // namespace rapport::context
