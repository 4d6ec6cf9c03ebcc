#include "server/classes/roster_plan.hpp"

#include "question-bank/text.hpp"
#include "scoring/report_text.hpp"

#include <algorithm>
#include <map>

namespace phongthi::server {

namespace {

constexpr std::size_t max_username_base = 60;
constexpr std::size_t max_unit_code = 32;

std::string person_key(std::string_view full_name, std::string_view birth_date) {
    return bank::fold_case(full_name) + "|" + std::string(birth_date);
}

std::string lower_ascii(std::string text) {
    for (char& c : text)
        c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return text;
}

/// A unit code from a unit's name: "Chi bộ Sở Tài chính" → "CHI-BO-SO-TAI-CHINH", made unique
/// among `codes` (lower case) by -2, -3...
std::string unit_code_for(std::string const& name, std::set<std::string>& codes) {
    std::string base = scoring::upper_case(scoring::ascii_name(name));
    base = base.substr(0, max_unit_code - 3);
    while (!base.empty() && base.back() == '-')
        base.pop_back();
    if (base.empty())
        base = "DV";
    std::string code = base;
    for (int n = 2; codes.contains(lower_ascii(code)); ++n)
        code = base + "-" + std::to_string(n);
    codes.insert(lower_ascii(code));
    return code;
}

/// Finds units by the text of a roster cell and creates the ones asked for.
class unit_resolver {
public:
    unit_resolver(roster_plan& plan, std::vector<roster_unit> const& units, bool create)
        : plan_(plan), units_(units), create_(create) {
        for (auto const& u : units_)
            codes_.insert(lower_ascii(u.code));
    }

    /// Sets the action's unit from `text`; false (after adding the row's problem) when unknown.
    bool resolve(std::string const& text, int row, roster_action& action) {
        std::string const key = plain_key(text);
        auto const by = [&](auto member) {
            return std::find_if(units_.begin(), units_.end(),
                                [&](roster_unit const& u) { return plain_key(u.*member) == key; });
        };
        auto found = by(&roster_unit::code);
        if (found == units_.end())
            found = by(&roster_unit::name);
        if (found != units_.end()) {
            action.profile.unit_id = found->id;
            return true;
        }
        if (!create_) {
            plan_.problems.push_back(
                {row, "unit", "unknown_unit",
                 "Không có đơn vị \"" + text +
                     "\" (tìm theo mã và tên); hãy tạo đơn vị trước hoặc chọn tạo đơn vị mới",
                 "There is no unit \"" + text +
                     "\" (by code or name); create it first or choose to create new units",
                 true});
            return false;
        }
        auto const [at, added] = created_.emplace(key, static_cast<int>(plan_.new_units.size()));
        if (added) {
            plan_.new_units.push_back({unit_code_for(text, codes_), text});
            plan_.problems.push_back(
                {row, "unit", "new_unit",
                 "Đơn vị mới \"" + text + "\" sẽ được tạo với mã " + plan_.new_units.back().code,
                 "A new unit \"" + text + "\" will be created with code " +
                     plan_.new_units.back().code,
                 false});
        }
        action.profile.unit_id = 0;
        action.new_unit = at->second;
        return true;
    }

private:
    roster_plan& plan_;
    std::vector<roster_unit> const& units_;
    bool create_;
    std::set<std::string> codes_;
    std::map<std::string, int> created_; // plain key of the name -> index in new_units
};

} // namespace

bool roster_plan::has_errors() const {
    return std::any_of(problems.begin(), problems.end(),
                       [](roster_problem const& p) { return p.error; });
}

std::string username_base(std::string_view full_name) {
    std::string base = plain_key(full_name).substr(0, max_username_base);
    return base.empty() ? "hocvien" : base;
}

std::string unique_username(std::string_view base, std::set<std::string>& taken) {
    std::string name(base);
    for (int n = 2; taken.contains(lower_ascii(name)); ++n)
        name = std::string(base) + std::to_string(n);
    taken.insert(lower_ascii(name));
    return name;
}

roster_plan plan_roster(roster_file const& file, roster_state const& state, bool create_units) {
    roster_plan plan;
    plan.problems = file.problems;
    std::map<std::string, roster_person const*> members;
    for (auto const& m : state.members)
        members.emplace(person_key(m.profile.full_name, m.profile.birth_date), &m);
    std::map<std::string, roster_person const*> others;
    for (auto const& c : state.candidates) { // the oldest account wins: candidates come by id
        others.emplace(person_key(c.profile.full_name, c.profile.birth_date), &c);
    }
    std::set<std::int64_t> listed;
    std::set<std::string> taken = state.usernames;
    unit_resolver units(plan, state.units, create_units);
    for (std::size_t i = 0; i < file.rows.size(); ++i) {
        roster_row const& row = file.rows[i];
        std::string const key = person_key(row.full_name, row.birth_date);
        roster_person const* match = nullptr;
        if (auto const m = members.find(key); m != members.end())
            match = m->second;
        else if (auto const o = others.find(key); o != others.end())
            match = o->second;
        roster_action action;
        action.row = i;
        action.list_number = row.list_number;
        if (match) {
            action.user_id = match->user_id;
            action.username = match->username;
            action.profile = match->profile;
        }
        action.profile.full_name = row.full_name;
        action.profile.birth_date = row.birth_date;
        if (file.has_gender || !match)
            action.profile.gender = row.gender;
        if (file.has_position || !match)
            action.profile.position = row.position;
        if (file.has_phone || !match)
            action.profile.phone = row.phone;
        if (file.has_unit || !match) {
            action.profile.unit_id = 0;
            if (!row.unit.empty() && !units.resolve(row.unit, row.row, action))
                continue;
        }
        if (!match) {
            action.change = roster_change::create;
            action.username = unique_username(username_base(row.full_name), taken);
            ++plan.summary.created;
        } else {
            listed.insert(match->user_id);
            auto const& old = match->profile;
            auto const& now = action.profile;
            bool const same = old.full_name == now.full_name && old.birth_date == now.birth_date &&
                              old.gender == now.gender && old.unit_id == now.unit_id &&
                              action.new_unit < 0 && old.position == now.position &&
                              old.phone == now.phone && match->status == "enrolled" &&
                              match->list_number == action.list_number;
            action.change = same ? roster_change::unchanged : roster_change::update;
            ++(same ? plan.summary.unchanged : plan.summary.updated);
        }
        plan.actions.push_back(std::move(action));
    }
    for (auto const& m : state.members) {
        if (m.status == "enrolled" && !listed.contains(m.user_id))
            ++plan.summary.not_in_file;
    }
    if (plan.summary.not_in_file > 0) {
        std::string const n = std::to_string(plan.summary.not_in_file);
        plan.problems.push_back(
            {0, "", "not_in_file",
             n + " học viên của lớp không có trong tệp; họ được giữ nguyên trong lớp",
             n + " learners of the class are not in the file; they stay in the class", false});
    }
    return plan;
}

} // namespace phongthi::server
