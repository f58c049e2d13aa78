//! The placeholders `plansite new` writes into a new item's files, in Japanese and English
//! ("（事例の名前）", "(The name of the case study)"): what to write in their place. They are
//! content's own business, as the check finds one left in a published item.

/// (key, Japanese, English) of the placeholders of `plansite new`.
pub(crate) const PLACEHOLDERS: &[(&str, &str, &str)] = &[
    ("case.title", "（事例の名前）", "(The name of the case study)"),
    ("case.activities", "（どのような取組みかを1～2文で）", "(What they do, in one or two sentences)"),
    ("case.point", "（この取組みのよいところを1～2文で）", "(Why it works, in one or two sentences)"),
    ("case.venue", "（活動場所）", "(Where it takes place)"),
    ("case.contact", "（問い合わせ先の団体名）", "(The group to contact)"),
    ("case.alt", "（写真に写っているものの説明）", "(What the photo shows)"),
    ("case.attachment", "（資料の題名）", "(The document's title)"),
    ("case.body_what", "取組みの内容", "What they do"),
    (
        "case.body_what_text",
        "（いつ、どこで、だれが、どのような活動をしているかを書きます。）",
        "(Say when, where and who, and what they do.)",
    ),
    ("case.body_point", "ここがポイント", "Why it works"),
    (
        "case.body_point_text",
        "（工夫していること、ほかの地域でも参考になることを書きます。）",
        "(Say what they do well, and what others could learn from it.)",
    ),
    ("area.name", "（地域の名前）", "(The area's name)"),
    ("area.slogan", "（地域のスローガン）", "(The area's slogan)"),
    ("area.policy", "（基本方針の名前）", "(The basic policy's title)"),
    ("area.contact", "（相談窓口の名前）", "(The advice desk's name)"),
    ("area.alt", "（写真に写っているものの説明）", "(What the photo shows)"),
    ("area.attachment", "（資料の題名）", "(The document's title)"),
    ("area.body", "（この地域の計画の紹介を書きます。）", "(Introduce the area's plan here.)"),
    ("theme.title", "（テーマの名前）", "(The theme's title)"),
    ("theme.summary", "（テーマの要約を1～2文で）", "(A summary of the theme, in one or two sentences)"),
    ("theme.aim", "（目指す姿）", "(What the plan aims for)"),
    ("theme.action", "（主な取組）", "(A main action)"),
    ("theme.actor", "住民", "Residents"),
    ("theme.can_do", "（できること）", "(What they can do)"),
    ("theme.alt", "（写真に写っているものの説明）", "(What the photo shows)"),
    ("theme.attachment", "（資料の題名）", "(The document's title)"),
    ("theme.body", "（このテーマの説明を書きます。）", "(Describe the theme here.)"),
    ("year.note", "（この年度についての説明）", "(A note about this year)"),
];

/// Whether `text` is, whole, a placeholder `plansite new` writes in parentheses (not the words
/// a field is given as an example, such as 住民).
pub(crate) fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    (text.starts_with('（') || text.starts_with('('))
        && PLACEHOLDERS.iter().any(|(_, ja, en)| text == *ja || text == *en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_told_from_words() {
        assert!(is_placeholder("（事例の名前）") && is_placeholder(" (The name of the case study)\n"));
        assert!(!is_placeholder("住民") && !is_placeholder("Residents") && !is_placeholder("（令和5年度）"));
    }
}
