//! The words a scaffold writes into new files, in Japanese and English: placeholders that say
//! what to write (for `plansite new`), and neutral sample words (for `plansite init`). A
//! language other than these two gets the English words, for its translator to replace.

pub(super) use crate::content::placeholders::PLACEHOLDERS;

/// (key, Japanese, English) of the neutral sample site of `plansite init`: nothing of a real
/// place; 〇〇 and "Example" mark what an editor replaces.
pub(super) const SAMPLE: &[(&str, &str, &str)] = &[
    ("site.title", "〇〇市 地域福祉計画", "Example City Community Welfare Plan"),
    ("site.description", "〇〇市の地域福祉計画の内容と、地域ごとの計画、地域活動の好事例を紹介します。", "An introduction to the community welfare plan of Example City, with the plan of each area and examples of local activities."),
    ("site.area_term", "地区", "district"),
    ("site.areas_title", "地区別の計画", "District plans"),
    ("site.district_term", "小地域", "neighbourhood"),
    ("site.organisation", "〇〇市 福祉課", "Welfare Division, Example City"),
    ("site.contact", "〇〇市 福祉課", "Welfare Division, Example City"),
    ("site.copyright", "このサイトは見本です。内容はすべて架空のものです。", "This is a sample site; everything in it is fictional."),
    ("site.licence", "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）", "Creative Commons Attribution 4.0 International (CC BY 4.0)"),
    ("plan.name", "〇〇市 地域福祉計画", "Example City Community Welfare Plan"),
    ("plan.basic_goal", "だれもがつながり、安心して暮らせるまち", "A town where everyone is connected and can live without worry"),
    ("plan.summary", "市と住民、地域の団体がともに進める5年間の計画です。地区ごとの計画と、テーマごとの取組みを紹介します。", "A five-year plan carried out by the city together with residents and local groups. It sets out the plan of each district and the actions under each theme."),
    ("plan.legal_basis", "社会福祉法第107条に基づく市町村地域福祉計画", "A municipal community welfare plan under Article 107 of the Social Welfare Act"),
    ("plan.body_heading", "この計画について", "About this plan"),
    ("plan.body", "ここに計画の趣旨や背景を書きます。見本の文章です。", "Write the purpose and background of the plan here. This is sample text."),
    ("theme.title.1", "つながりづくり", "Building connections"),
    ("theme.summary.1", "身近な地域で、人と人が知り合い、声をかけ合える場を広げます。", "Creating more places where neighbours get to know each other."),
    ("theme.title.2", "見守りと支え合い", "Watching over and helping each other"),
    ("theme.summary.2", "一人暮らしの人や困りごとのある人に、近所で気づき、支え合う仕組みをつくります。", "Building ways for neighbours to notice people who live alone or need help, and to support them."),
    ("theme.aim", "だれもが地域の中に居場所をもっている", "Everyone has a place in the community"),
    ("theme.action", "地域の集まりの場を増やす", "More local gathering places"),
    ("theme.actor", "住民", "Residents"),
    ("theme.can_do", "近所の人にあいさつをする", "Say hello to the neighbours"),
    ("theme.body", "このテーマの説明を書きます。見本の文章です。", "Describe the theme here. This is sample text."),
    ("area.name.1", "東地区", "East District"),
    ("area.slogan.1", "顔の見えるつながりを広げよう", "Let's get to know our neighbours"),
    ("area.name.2", "西地区", "West District"),
    ("area.slogan.2", "みんなで支え合う西地区", "A West District where we all help each other"),
    ("area.policy", "交流の場づくり", "Places to meet"),
    ("area.contact", "〇〇市社会福祉協議会", "Example City Council of Social Welfare"),
    ("area.body", "この地区の計画の紹介を書きます。見本の文章です。", "Introduce the district's plan here. This is sample text."),
    ("case.title", "地域のふれあいサロン", "A neighbourhood drop-in salon"),
    ("case.activities", "月に1回、集会所でお茶会と体操を開いています。", "A tea gathering and gentle exercise at the community hall once a month."),
    ("case.point", "だれでも気軽に参加でき、近所の人と知り合うきっかけになっています。", "Anyone can drop in, and it helps neighbours get to know each other."),
    ("case.body_what", "取組みの内容", "What they do"),
    ("case.body_what_text", "ここに取組みの内容を書きます。見本の文章です。", "Describe the activity here. This is sample text."),
    ("case.body_point", "ここがポイント", "Why it works"),
    ("case.body_point_text", "ここに取組みのよいところを書きます。見本の文章です。", "Say what works well here. This is sample text."),
];

/// The words of `key` in `lang` from `table` (else from [`PLACEHOLDERS`]): Japanese for `ja`,
/// English for every other language; the key itself if neither has it (a template mistake a
/// test catches).
pub(super) fn lookup<'a>(table: &[(&'a str, &'a str, &'a str)], key: &'a str, lang: &str) -> &'a str {
    // (The sample's words name only what the sample writes; a field it leaves commented out,
    // an editor's to switch on, has the placeholder `new` writes, never its key.)
    let found = table.iter().chain(PLACEHOLDERS).find(|(k, _, _)| *k == key);
    found.map_or(key, |(_, ja, en)| if lang == "ja" { ja } else { en })
}
