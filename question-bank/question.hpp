#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::bank {

/// The Vietnamese exam-matrix levels (ma trận đề).
enum class cognitive_level { nhan_biet, thong_hieu, van_dung, van_dung_cao };

/// Stable ASCII key of a level ("nhan_biet"), as stored and exchanged.
std::string_view level_key(cognitive_level level);
/// The Vietnamese label of a level ("Nhận biết"), as printed for lecturers.
std::string_view level_label(cognitive_level level);
/// Parses a key or a Vietnamese label ("Nhận biết", "nhan biet", "NB"); nullopt if unknown.
std::optional<cognitive_level> parse_level(std::string_view text);

/// One answer option. `weight` is Moodle's fraction in percent: 100 for the single right
/// answer, positive shares summing to 100 for multiple answers, 0 or negative for wrong ones.
struct option {
    std::string text;
    double weight = 0;
    std::string feedback;
};

/// How a question's texts are to be read: plain text, or the small HTML subset that Word and
/// Moodle produce (b, i, u, sub, sup, br, p, img), sanitized by normalize().
enum class text_format { plain, html };

/// A picture or other file a question refers to; in HTML texts as <img src="@@PLUGINFILE@@/NAME">,
/// as Moodle writes it.
struct media_file {
    std::string name;
    std::string mime_type;
    std::string data; ///< the raw bytes
};

/// A multiple-choice question as lecturers write it.
struct question {
    std::string external_id;
    std::string topic;
    cognitive_level level = cognitive_level::nhan_biet;
    std::string stem;
    std::vector<option> options;
    double points = 1;
    std::vector<std::string> tags;
    std::string explanation;
    bool shuffle_options = true;
    text_format format = text_format::plain;
    std::vector<media_file> media;
    std::string source_file;
    int source_line = 0; ///< where the question starts (line, spreadsheet row or paragraph)

    /// True when more than one option carries a positive weight.
    bool is_multiple_answer() const;
};

/// Errors stop an all-or-nothing import; warnings are reported and the import goes on.
enum class severity { error, warning };

/// Where a problem was found and what it is, in both UI languages.
struct problem {
    std::string file;
    int line = 0;      ///< 1-based line, row or paragraph; 0 when unknown
    std::string field; ///< e.g. "questions[3].options[1].weight", "sheet Câu hỏi, column F"
    std::string code;  ///< stable machine code, e.g. "option_count"
    std::string message_vi;
    std::string message_en;
    int question_number = 0; ///< 1-based position of the question in the file; 0 for the file
    severity level = severity::error;
};

constexpr std::size_t min_options = 2;
constexpr std::size_t max_options = 10;

/// Checks one question against the model's rules; `field` prefixes each problem's field.
std::vector<problem> validate(question const& q, std::string_view field);

/// Normalizes every text of the question to NFC with collapsed whitespace; the texts of an HTML
/// question are first sanitized (sanitize_html), so a stored HTML text is always safe to show.
void normalize(question& q);

} // namespace phongthi::bank
