# plansite's messages in English. Every message here must also be in ja.ftl (a test checks
# both catalogues have the same keys and that every key used in src/ is here). Arguments are
# written { $name }; a literal brace is written {"{"} and {"}"}.

## Shared

verbatim = { $text }
level-error = error
level-warning = warning
hint-label = hint
check-summary = { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    } in { $files ->
        [one] { $files } file
       *[other] { $files } files
    }

## YAML (content/yaml.rs)

yaml-unknown-field = unknown field `{ $field }`
unknown-field = unknown field `{ $field }`
unknown-field-hint-nearest = did you mean `{ $nearest }`? Fields allowed here: { $fields }
unknown-field-hint-remove = remove this field; see docs/content.md for the fields of this file
unknown-field-hint-list = remove it or use one of: { $fields }
yaml-missing-field = { $detail }
missing-field-hint = add `{ $field }:` to this entry; see docs/content.md for what it holds
yaml-duplicate-key = { $detail }
duplicate-key-hint = a field may appear only once in an entry; delete or rename one of them
yaml-wrong-type = { $detail }
wrong-type-hint-text = write plain text here; put it in quotes if it contains `: ` or starts with a symbol
wrong-type-hint-map = write fields here as `name: value`; texts are maps of languages, e.g. `title: {"{"}ja: 見守り, en: Watching over{"}"}`
wrong-type-hint-list = write a list here: `[a, b]` or one `- item` per line
wrong-type-hint-number = write a whole number in half-width digits, e.g. `3`
wrong-type-hint-form = this value has the wrong form; see docs/content.md for what this field holds
yaml-syntax = { $detail }
yaml-syntax-hint = check the indentation (spaces, not tabs) and quote text that contains `: ` or starts with `{"{"}`, `[`, `*`, `&`, `!`, `|`, `>` or `#`
yaml-fullwidth-space = a full-width space (全角スペース) here: YAML reads only half-width spaces, for indentation and after `:`
yaml-fullwidth-space-hint = replace it with half-width spaces (switch the input method off, or type the space with Shift)
yaml-fullwidth-colon = `{ $key }` is followed by a full-width colon `：`; a field's name ends with a half-width `:`
yaml-fullwidth-colon-hint = write `{ $key }: ` (a half-width colon and a half-width space) before the value
yaml-missing-colon = `{ $key }` has no `:` after it, so it is not read as a field
yaml-missing-colon-hint = write `{ $key }: ` (a half-width colon and a space) before the value
yaml-smart-quotes = this value is in typographic quotes (“…”), which YAML does not take as quotes
yaml-smart-quotes-hint = write it between straight half-width quotes ("…"); a word processor turns them into “…” as you type
yaml-limit-hint = this file nests lists and maps more than { $depth } deep or uses `*alias` more than { $aliases } times; simplify it, or raise `limits: {"{"}yaml_depth: …, yaml_aliases: …{"}"}` in content/site.yaml

## Progress (model/resolve/progress.rs)

not-a-fiscal-year = `{ $value }` is not a fiscal year
bad-year-folder-hint = name the folder with the Western year the fiscal year starts in, e.g. content/progress/2024/ for 令和6年度
duplicate-area-progress = { $area } already has data for this year in { $first }
duplicate-area-progress-hint = keep one file (or one sheet) per { $area_word ->
        [none] area
       *[other] { $area_word }
    } and year
progress-area-hint-nearest = did you mean `{ $nearest }`? Name the file or sheet after one of these: { $areas }
progress-area-hint = name the file or sheet after one of these (a file name in content/areas/ or its Japanese name): { $areas }
no-such-area = there is no { $area_word ->
        [none] area
       *[other] { $area_word }
    } `{ $name }`
no-districts = this file lists no { $district_word ->
        [none] district
       *[other] { $district_word }
    }
no-districts-hint = add at least one { $district_word ->
        [none] district
       *[other] { $district_word }
    } with its items
duplicate-district = the { $district_word ->
        [none] district
       *[other] { $district_word }
    } `{ $name }` is listed twice (first at { $first })
duplicate-district-hint = list each { $district_word ->
        [none] district
       *[other] { $district_word }
    } once, with all its items
counts-without-date = population or households are given without the date they were counted
counts-without-date-hint = add the date of the counts (基準日 / counted_on), e.g. 2025-03-31
rating-empty = the self-rating (達成状況) is empty
not-a-rating = `{ $value }` is not a self-rating
rating-hint = write one of ◎ (年度目標以上), ○ (概ね達成), △ (一部達成), × (未達成); the words excellent, good, partial, none also work
progress-text-empty = the { $what ->
        [item] item (取組項目)
        [target] target (目標又は予定)
        [next-target] next year's target (次年度の目標又は予定)
       *[other] { $what }
    } is empty
progress-text-empty-hint = write the { $what ->
        [item] item (取組項目)
        [target] target (目標又は予定)
        [next-target] next year's target (次年度の目標又は予定)
       *[other] { $what }
    } in the primary language ({ $primary })
area-has-no-policies = { $area } has no basic policies, so an item cannot name one
area-has-no-policies-hint = leave the basic policy (基本方針) empty, or give the { $area_word ->
        [none] area
       *[other] { $area_word }
    } its `policies:`
policy-missing = the basic policy (基本方針) is missing
area-policies = { $area } has the basic policies { $numbers }
policy-number-hint = write the number of one of the { $area_word ->
        [none] area
       *[other] { $area_word }
    }'s basic policies
not-a-policy-number = `{ $value }` is not a basic policy number
no-such-policy = basic policy { $number } does not exist in { $area }
not-a-count = `{ $value }` is not a number ({ $what })
count-hint = write a whole number such as 12345 (commas are fine, no units)
not-a-date = `{ $value }` is not a date
date-hint-2025 = write a day that exists, as `2025-03-31`, `2025/3/31` or `令和7年3月31日`
not-a-flag = `{ $value }` is neither yes nor no
flag-hint = write ○ (or yes) for a priority / main item and leave the cell empty otherwise

## Content model (model/resolve/mod.rs, images.rs, base_url.rs)

did-you-mean = did you mean `{ $nearest }`?
not-an-image = `{ $path }` is not an image plansite publishes
not-an-image-hint = use a JPEG (.jpg) for photos, PNG for drawings and screenshots, or WebP, GIF or SVG
no-such-image = there is no image `{ $path }`
no-such-image-hint = put the file at { $path }, or correct `src` (it is relative to content/)
no-such-icon-hint = put the file at { $path }, or correct the path (it is relative to content/)
no-alt = this image has no alt text
no-alt-hint = add `alt:` saying what the picture shows, for people who cannot see it, e.g. `alt: {"{"}ja: 公民館で昼食を囲む住民, en: "Residents sharing lunch at the community centre"{"}"}`
no-such-file = there is no file `{ $path }`
no-such-document-hint = put the document at { $path } (documents go in content/files/), or correct `file`
not-a-language-code = `{ $code }` is not a language code
language-code-hint = use a code such as `ja`, `en`, `ko`, `zh-Hans`
language-listed-twice = `{ $code }` is listed twice
no-language = the site needs at least one language
no-language-hint = write `languages: [{"{"}code: ja, name: 日本語{"}"}, {"{"}code: en, name: English{"}"}]`; the first is the primary language
primary-text-missing = the text in the primary language (`{ $primary }`) is missing or empty
primary-text-missing-hint = write it as `{"{"}{ $primary }: …, …{"}"}`: the primary language is required, the others are optional
language-hint-nearest = did you mean `{ $nearest }`? The site's languages are: { $languages }
site-languages = the site's languages (site.yaml) are: { $languages }
not-a-site-language = `{ $lang }` is not one of the site's languages
words-unknown-language = `words:` has a language `{ $lang }` the site does not have
word-hint-nearest = did you mean `{ $nearest }`? docs/words.md lists every word a site can set
word-hint = docs/words.md lists every word a site can set
unknown-word = `{ $key }` is not a word the theme prints
not-an-action-status = `{ $value }` is not a status of an action
action-status-hint = write `new` (新規) or `expanded` (拡充), or leave `status` out for an action carried on
one-of-hint-nearest = did you mean `{ $nearest }`? One of: { $values }
one-of-hint = write one of: { $values }
not-a-publisher-kind = `{ $value }` is not a kind of publisher
body-language-unknown = `{ $lang }` in the file name is not one of the site's languages
body-language-hint = name Markdown bodies `<slug>.<language>.md` with one of: { $languages }
no-primary-body = there is no `{ $primary }` body beside this translation
no-primary-body-hint = write the original text in the `.{ $primary }.md` file first
not-a-web-address = `{ $value }` is not a web address
web-address-hint = write the full address starting with https://, or a page reference such as `@overview`
not-a-phone-number = `{ $value }` is not a phone number
phone-hint = write half-width digits with hyphens, e.g. `043-245-5111`
not-an-email = `{ $value }` is not an e-mail address
email-hint = write it like `chiiki@example.lg.jp`
not-a-postal-code = `{ $value }` is not a postal code
postal-code-hint = write seven half-width digits as `260-0844`
not-a-file-of-kind = `{ $path }` is not a .{ $ext } file
icon-file-hint = give a .{ $ext } file under content/ (the icon is drawn from it), or remove the line to use the theme's
fiscal-year-hint = write the Western year the fiscal year starts in, e.g. `2022` for 令和4年度
period-backwards = the period ends ({ $to }) before it starts ({ $from })
period-hint = `from` is the first fiscal year, `to` the last
policy-listed-twice = basic policy { $number } is listed twice
case-without-theme = a case study needs at least one { $theme_word ->
        [none] theme
       *[other] { $theme_word }
    }
case-without-theme-hint = write `themes: [<slug>]` with slugs from content/themes/
theme-listed-twice = { $theme_word ->
        [none] theme
       *[other] { $theme_word }
    } `{ $theme }` is listed twice
date-hint-2024 = write a day that exists, as `2024-04-01`, `2024/4/1` or `令和6年4月1日`
theme-number-hint = give every { $theme_word ->
        [none] theme
       *[other] { $theme_word }
    } its own number
area-order-hint = give every { $area_word ->
        [none] area
       *[other] { $area_word }
    } its own `order`
number-used-twice = { $what ->
        [theme-number] { $theme_word ->
            [none] theme
           *[other] { $theme_word }
        } number
       *[other] { $what }
    } { $number } is also used by { $other }
reference-hint-nearest = did you mean `{ $nearest }`? The ones there are: { $known }
reference-hint = use the file name (without .yaml) of a file in { $dir }; the ones there are: { $known }
no-such-item = there is no { $kind ->
        [area] { $area_word ->
            [none] area
           *[other] { $area_word }
        }
        [theme] { $theme_word ->
            [none] theme
           *[other] { $theme_word }
        }
       *[other] { $kind }
    } `{ $name }`
structure-without-bodies = the structure needs at least one body
structure-without-bodies-hint = list the councils and offices under `bodies:`
bad-id = `{ $id }` cannot be used as an id
bad-id-hint = use lowercase letters a–z, digits and hyphens, e.g. `ward-council`
id-used-twice = the id `{ $id }` is used twice
id-used-twice-hint = give every body its own id
tier-zero = tiers start at 1 (the top row)
body-id-hint = use one of the ids above: { $ids }
no-such-body = there is no body with id `{ $id }`
not-a-base-url = `{ $value }` is not an absolute web address
base-url-hint = write the address the site will be published at, e.g. `https://www.example.lg.jp/plan/`

## Reading content (content/*.rs, media/, search_words.rs, publish.rs)

not-a-time-zone = `{ $value }` is not a time zone
time-zone-hint = write an IANA time zone name such as `Asia/Tokyo` (the default), or leave `time_zone` out
not-one-word = `{ $form }` is not one word
one-word-hint = write one word: Japanese characters only (two or more, e.g. `犢橋`, `こてはし`) or letters only (e.g. `Kotehashi`); spaces and mixed scripts are not matched (in { $file })
no-reading = `{ $word }` has no reading
no-reading-hint = write its reading after it: `{ $word }: よみかた`
synonyms-too-few = a group of synonyms needs two words or more
synonyms-too-few-hint = write the words that find each other as a list: `- [社協, 社会福祉協議会]`
no-furigana-for = `{ $name }` cannot be given furigana
no-furigana-for-hint = write the name as it appears in the text (at most 40 characters, no `{"{"}`, `|` or `{"}"}`)
not-kana = `{ $reading }` is not a reading in kana
not-kana-hint = write the reading in hiragana: `{ $name }: よみかた`
avif-not-published = plansite cannot remove the metadata (location, camera) of AVIF images, so it does not publish them
avif-not-published-hint = save the picture as JPEG (photos) or PNG (drawings, screenshots) instead
name-taken-by-variant = this name is taken by a smaller copy of { $path } that plansite publishes
name-taken-by-variant-hint = rename this file: names ending in `.<number>w.<format>` are plansite's
image-unreadable = this image cannot be published: { $why }
image-unreadable-hint = open it in an image program and save it again as JPEG (photos) or PNG (drawings)
symlink-not-followed = this is a symbolic link; links are not followed, so it is not read or published
symlink-not-followed-hint = put a copy of the file here instead of a link to it
orphan-body = no `{ $stem }.yaml` beside this Markdown file
orphan-body-hint = create `{ $stem }.yaml` for it, or rename the file to match an existing item (`<slug>.<language>.md`)
nested-file = files in `content/{ $dir }/` may not be in sub-folders
nested-file-hint = move it to `content/{ $dir }/`
bad-slug = `{ $name }` cannot be used in a web address
bad-slug-hint = name the file with lowercase letters a–z, digits and hyphens, e.g. `kodomo-shokudo.yaml`
duplicate-slug = `{ $name }` is also the name of { $first }
duplicate-slug-hint = every item needs its own file name; rename or delete one of them
body-without-language = a Markdown body must name its language
body-without-language-hint = rename it to `{ $stem }.ja.md` (Japanese) or `{ $stem }.en.md` (English)
not-content = this file is not content and is not copied to the site
not-content-hint = content files end in .yaml or .<language>.md; pictures and PDFs in .{ $media }; other documents (.{ $documents }) go in { $files_dir }
required-file = this file is required
required-file-hint = create it; docs/content.md shows an example
not-utf8 = the file is not UTF-8 text
not-utf8-hint = save it as UTF-8 (in Notepad: 名前を付けて保存 → 文字コード UTF-8); Shift_JIS is not read
limit-exceeded = { $what ->
        [markdown] this Markdown file
        [yaml] this YAML file
        [csv] this CSV file
        [xlsx] this workbook
        [xlsx-unpacked] this workbook unpacked
        [pdf] this document
        [image] this image
       *[other] { $what }
    } is { $amount }, more than the limit of { $limit }
limit-exceeded-count = the number of { $what } is { $count } or more, more than the limit of { $limit }
limit-exceeded-hint = make it smaller (or split it), or raise the limit in content/site.yaml: `limits: {"{"}{ $key }: { $raise_to }{"}"}`
svg-not-utf8 = this SVG file is not UTF-8 text
svg-not-utf8-hint = save it again as SVG (UTF-8) from your drawing program, or export it as PNG
unsafe-svg = this SVG file contains { $what ->
        [script] a script
        [foreign-object] embedded HTML (foreignObject)
        [iframe] an embedded page
        [object] an embedded object
        [entity] a document type declaration (entities or attribute defaults)
        [encoding] text in another encoding than UTF-8
        [css-escape] a CSS escape (\…)
        [handler] an event handler
        [handler-attribute] an event handler attribute
        [style-markup] markup inside a style sheet (<style>)
        [stylesheet] an external style sheet
        [link] a link or reference to another file or address
        [script-address] a script address
        [link-target] a link that opens in a named window or keeps a hold on this page (target, rel="opener")
        [too-complex] more entities, namespaces or attributes than a drawing has, or entities in an embedded drawing (the file could hold up the build)
       *[other] { $what }
    }, which could run code on the site; it is not published
unsafe-svg-hint = export the drawing again as plain SVG without scripts or links ("Plain SVG" in Inkscape; in Illustrator, without "Preserve Illustrator Editing Capabilities"; in draw.io, with "Embed Images" and "Embed Fonts"), or export it as PNG
svg-unknown-element = this SVG file contains `<{ $name }>`, which is not an element of drawings; what a browser would do with it cannot be checked, so it is not published
svg-unknown-attribute = the HTML of a label in this SVG file has the attribute `{ $name }`, which labels do not have; what a browser would do with it cannot be checked, so it is not published
svg-not-xml = this SVG file is not well-formed XML ({ $why }); browsers show no drawing from it
svg-not-xml-hint = export it again from your drawing program as SVG, or export it as PNG

## Progress sheets (content/progress/)

csv-open-quote = this quote (") is never closed
csv-open-quote-hint = close it with a second " at the end of the cell, or remove it; save from Excel as CSV UTF-8
csv-bad-row = this CSV row cannot be read: { $why }
csv-bad-row-hint = check that every quote (") is closed; save from Excel as CSV UTF-8
workbook-unreadable = the workbook cannot be read: { $why }
workbook-unreadable-hint = save it again from Excel as an .xlsx workbook (not .xls, not password-protected)
sheet-bad-reference = sheet `{ $name }` cannot be read: a cell reference is malformed
sheet-unreadable = sheet `{ $name }` cannot be read: { $why }
table-empty = the table is empty
table-empty-hint = the first row names the columns; `plansite new year <YYYY>` writes a worksheet with them
column-twice = the column `{ $column }` appears twice
unknown-column = `{ $column }` is not a column of progress data
unknown-column-hint = use one of these headings: { $columns }
cell-without-column = the cell `{ $value }` is under no column heading (this row has { $cells } cells; the heading row names { $columns } columns), so it would be published nowhere
cell-without-column-hint = a comma inside a text cell splits it in two: put that text between double quotes ("…"), as Excel does when it saves CSV UTF-8; or remove the cell, or give its column a heading
missing-column = the column `{ $column }` ({ $key }) is missing
missing-column-hint = add a column headed `{ $column }` to the first row
district-differs = `{ $new }` differs from `{ $old }` given for the same district at { $at }
district-differs-hint = the district columns must be the same on every row of a district; correct one of them
progress-not-in-year = progress files go in a folder per fiscal year
progress-not-in-year-hint = put it in content/progress/<year>/, e.g. content/progress/2024/chuo.csv
year-yaml-missing = each year folder needs a year.yaml
year-yaml-missing-hint = create it; `sample: true` if the figures are sample data, or an empty `{"{"}{"}"}`
not-progress = this file is not progress data
not-progress-hint = a year folder holds year.yaml and, per area, <area>.yaml, <area>.csv or sheets of progress.xlsx
csv-not-utf8-hint = save it as UTF-8; in Excel: 名前を付けて保存 → CSV UTF-8（コンマ区切り）. Shift_JIS is not read
csv-utf16-hint = this file is UTF-16 (Excel's 「Unicode テキスト」); save it as UTF-8 instead: 名前を付けて保存 → CSV UTF-8（コンマ区切り）

## Theme and checks (render/templates.rs, check/, model/refs.rs)

ui-string-missing-builtin = UI string `{ $key }` is missing; the built-in theme's text is used
ui-string-missing-hint-builtin = add `{ $key }: { $text }` (or your own wording)
ui-string-missing = UI string `{ $key }` is missing; the { $primary } text is used
ui-string-missing-hint = add `{ $key }: …` translated from `{ $text }`
ui-strings-missing = the theme has no UI strings for the language `{ $lang }`
ui-strings-missing-hint = copy themes/default/i18n/en.yaml to themes/{ $theme }/i18n/{ $lang }.yaml and translate it
external-link-status = `{ $url }` answered { $status }
external-link-no-answer = `{ $url }` did not answer ({ $why })
external-link-hint = open the address in a browser; correct it or link to the page that replaced it
ref-no-progress-year = `{ $reference }`: there is no progress for the year `{ $year }`
ref-progress-years-hint = write a year with progress data: { $count ->
        [0] (none)
       *[other] { $years }
    }
ref-no-progress-area = `{ $reference }`: the year { $year } has no progress for `{ $area }`
ref-progress-areas-hint = areas with progress in { $year }: { $count ->
        [0] (none)
       *[other] { $areas }
    }
ref-no-file = `{ $reference }`: there is no file `{ $path }`
ref-file-hint = put the file under content/ (documents in content/files/) and write its path after `@file/`
ref-no-page = `{ $reference }` names no page
ref-page-hint = write `@<page>` ({ $pages }), `@theme/<slug>`, `@area/<slug>`, `@case/<slug>`, `@progress/<year>` or `@file/<path>`
ref-unknown-kind = `{ $reference }` is not a reference this site understands
ref-kind-hint = write `@theme/<slug>`, `@area/<slug>`, `@case/<slug>`, `@progress/<year>`, `@file/<path>` or a page such as `@overview`
ref-no-item = `{ $reference }`: there is no { $kind ->
        [case] case study
        [area] { $area_word ->
            [none] area
           *[other] { $area_word }
        }
        [theme] { $theme_word ->
            [none] theme
           *[other] { $theme_word }
        }
       *[other] { $kind }
    } `{ $id }`
ref-item-hint = write the file name (without .yaml) of a file in { $dir }: { $count ->
        [0] (none)
       *[other] { $known }
    }
markdown-image-without-alt = the image `{ $src }` has no alternative text
markdown-image-without-alt-hint = say in the brackets what the image shows, for people who cannot see it: `![…]({ $src })`
external-image = this image is on another site (`{ $src }`): the pages show images of this site only, so it would show as broken
external-image-hint = save the image into content/images/ and write its name: ![what it shows](@file/images/NAME.jpg)
link-address-hint = write the whole address, e.g. `https://www.example.jp/page.html`, without spaces
mailto-hint = write `mailto:` and the address, e.g. `mailto:fukushi@example.jp`
tel-hint = write `tel:` and the number in half-width digits, e.g. `tel:043-245-5111`
broken-link = `{ $dest }` leads to no page or file of the site
broken-link-hint = link to an item with a reference such as `@area/<slug>`, `@case/<slug>` or `@file/files/<name>.pdf`; see docs/content.md
broken-link-file-hint = to link to the file content/{ $file }, write its reference: `@file/{ $file }`
broken-anchor = `{ $dest }`: the page { $target } has no place `#{ $anchor }`
broken-anchor-hint = use the id of a heading on that page (shown in its address when you click it)
names-nothing = `{ $what }` names nothing
from-templates-hint = this comes from the theme's templates, not from the content: correct the template that makes this page
page-image-without-alt = an image (`{ $src }`) has no alt attribute{ $pages ->
        [1] {""}
       *[other] { " " }(on { $pages } pages)
    }
page-broken-link = a link leads to `{ $path }`, which the site does not have{ $pages ->
        [1] {""}
       *[other] { " " }(on { $pages } pages)
    }
page-broken-anchor = a link leads to `{ $path }`, but that page has no id `{ $anchor }`{ $pages ->
        [1] {""}
       *[other] { " " }(on { $pages } pages)
    }
page-untranslated = the page { $page } has no { $name } text: it shows the primary language's
page-untranslated-hint = add the { $name } text (`{ $lang }:` in the YAML, and a `.{ $lang }.md` body if the item has one)
body-untranslated = there is no `{ $stem }.{ $lang }.md`: the { $name } page shows the text in another language
body-untranslated-hint = write the { $name } text in `{ $stem }.{ $lang }.md`
unlinked-file = no page links to this file
unlinked-file-hint = link to it with `[name](@file/{ $path })`, or remove it if it is not needed
placeholder-left = this text is still the placeholder `plansite new` wrote: “{ $text }”; the page shows it as it is
placeholder-left-hint = write the real text in its place, or put back `draft: true` until it is written
unlinked-image = no page shows this image, but it is published all the same (anyone who guesses its address can see it)
unlinked-image-hint = show it in an `images:` field or with `![what it shows](@file/{ $path })`, or remove it if it should not be public
oversized-file = this file is { $size }, more than { $limit }: residents on phones pay for every byte
oversized-image-hint = save the photo smaller (about 2000 pixels wide is plenty)
oversized-document-hint = split the document, or save it with smaller images
orphan-page = no other page links to { $path }
orphan-page-hint = link to it from a page residents read (a reference such as `@case/<slug>` in a body)

## Command line (main.rs, terminal.rs)

building-stage = building: { $stage } ({ $number }/{ $total })…
cli-error = error: { $error }
schemas-written = wrote { $count } schema(s) into { $dir }
host-name-hint = write a host name such as plan-preview.local (letters, digits, '-', '.'; an IPv6 address in brackets)
asking-links = asking { $count } outside link(s)…
build-failed-unchanged = build failed; { $output } was not changed
update-unfinished = the output was partly updated and could not be put back as it was; the next build finishes the update before anything else
build-failed-errors = build failed: { $errors } error(s) in the content; { $output } was not changed
cleaned-up = cleaned up after a build that was stopped: { $path }
replaced-forced = replaced (--force), not written by plansite: { $path }
image-cache-not-written = warning: the image cache was not written ({ $problem }); the next build encodes the photos again
kept-files = kept { $count } file(s) in the output that plansite did not write
held-back = held back: { $file } ({ $why })
held-back-hint = { "  " }(give --drafts or --future to publish them; `plansite serve` shows them)
timing-read = read sources
timing-peak = { "  " }(MB: the highest memory the build held during the stage; the whole build: { $peak } MB)
written-files = { "  " }written: { $files } files ({ $kb } KB); { $linked } unchanged since the last build linked, not written
written-in-place = { "  " }updated in place: { $files } files written ({ $kb } KB), { $removed } removed; { $linked } unchanged left as they are
journal-damaged = this list of an update in place is damaged, so it was not carried out; delete the file and the `.plansite-incoming-…` folder beside it, then build again (the next build writes the whole site)
images-timing = { "  " }images: { $made } encoded, { $cached } from the cache
reused-verbose = { "  " }reused: { $cached } photo(s) from the image cache (.plansite-cache/images/); encoded anew: { $made }
rendered-verbose = { "  " }rendered: { $count } file(s) (a page made from the same content as by the last build into this folder is left as it is: see .plansite-cache/pages)
checked-verbose = { "  " }checked: { $count } page(s) read (with the same files as the last build into this folder, a page it left as it is is not read again)
indexed-verbose = { "  " }search index: { $count } Markdown bod(ies) read (with the last build's index in this folder, only those of the groups of pages that changed)
built-summary = built { $pages } pages ({ $files } files) into { $output } in { $ms } ms
held-area = its { $area_word ->
        [none] area
       *[other] { $area_word }
    } `{ $area }` is held back
held-themes = every { $theme_word ->
        [none] theme
       *[other] { $theme_word }
    } it lists is held back
held-draft = draft: true
held-future = dated { $date }, after today

## The output folder (output/)

content-has-errors = the content has { $count } error(s)
output-own-folder-hint = choose a folder of its own for the site, e.g. `--output site` or a web root such as /var/www/plan
output-is-root = this is the site root; writing the site there would delete your sources
output-holds-root = this folder holds the site root { $root }; writing the site there would delete your sources
output-in-sources = this folder is inside `{ $dir }/`, among the sources of the site
output-holds-sources = this folder holds `{ $dir }/` of the site (it leads to { $real }); writing the site there would publish or delete your sources
output-is-file = this is a file, not a folder
output-is-file-hint = remove or rename the file, or choose another folder
cache-not-folder = plansite's cache here is a link or a file, not a folder of the site root; nothing was read from it or written
cache-not-folder-hint = remove it (plansite makes the folder again; it only holds what a build can make anew)
output-not-ours = this folder is not empty and plansite did not write it (it has no .plansite-manifest); plansite never deletes or replaces files it did not write
output-not-ours-hint = choose an empty or new folder, or give --force to publish into it: plansite's files are added, every other file is kept
output-clashes = { $count } file(s) here were not written by plansite and the new site has files of the same name: { $list }
output-clashes-hint = move them out of the folder (or put them in content/ so the site publishes them), or give --force to replace them
schema-file-not-ours = this file was not written by plansite; it was left as it is and nothing was written
schema-file-not-ours-hint = move it away, or write the schemas into another folder with --out

## The preview (serve/)

overlay-heading = Preview: the content has an error
serve-bound = warning: the preview is bound to { $bind } and can be seen from the network; it answers requests addressed to { $bind }, or to a name given with --allowed-host
serve-bound-any = warning: the preview is bound to { $bind } and can be seen from the network; it answers requests addressed to any IP address of this machine, or to a name given with --allowed-host
serve-bad-allowed-host = warning: --allowed-host { $name } is not a host name (such as plan-preview.local, or [::1] for an IPv6 address); ignored
serve-first-build = first build
serve-serving = serving the preview at { $url } (Ctrl+C to stop)
serve-changed-many = { $first } and { $more } more
serve-output-failed = error: the site for --output could not be built: { $error }
serve-index-updated = search index updated in { $ms } ms
serve-index-failed = error: the search index cannot be made: { $error }
serve-moved = the site is now served at { $url }
serve-rebuilt = { $what }: { $rendered } files rendered anew ({ $count } pages in all) in { $ms } ms
serve-shown-first = { $what }: { $count } open { $count ->
    [one] page
   *[other] pages
} shown first in { $ms } ms; the rest of the site follows
serve-content-errors = { $what }: the content has errors; { $kept ->
        [none] the pages show once they are fixed
       *[kept] still showing the last good build
    }
serve-build-failed = { $what }: { $error }; { $kept ->
        [none] the pages show once it is fixed
       *[kept] still showing the last good build
    }

## Translations (translations/)

translation-missing = missing
translation-stale = stale
translations-to-do = translations to do ({ $counts }):
translations-more = { "  " }…and { $count } more
translations-full-list = { "  " }(the full list: plansite translations)
translations-none-in-file = { $file }: no translatable text found
translations-recorded = recorded { $count } translation(s) in { $file }
translations-none = every translation is there and up to date
translations-head-state = state
translations-head-lang = lang
translations-head-file = file
translations-head-field = field
translations-head-original = original
translations-count = { $count } translation(s) to do
translations-no-site = content/site.yaml cannot be read

## Scaffolds (scaffold/, output/create.rs)

new-no-site = content/site.yaml could not be read: run this in the site's folder or give --root (plansite check says why).
new-bad-languages = Fix `languages` in content/site.yaml first (plansite check shows where).
new-bad-slug = `{ $slug }` cannot be used as a file name: write lower-case letters a–z, digits and hyphens, e.g. kodomo-shokudo.
new-no-area = There is no area `{ $area }`; the areas in content/areas/ are { $known }.
new-theme-number-taken = Number { $number } is the theme `{ $other }`'s; choose another number.
new-next-fill = 1. Replace the "(…)" placeholders in { $yaml } with the { $what ->
        [case] case study
        [area] area
       *[other] theme
    }'s own words.
new-next-body = 2. Write the body: { $bodies }
new-next-preview = 3. Check it in the preview, plansite serve (a draft is shown only there).
new-next-ready = 4. When it is ready, delete the `draft: true` line of { $yaml } and run plansite check.
new-created = Created:
new-next = Next:
new-bad-year = `{ $year }` is not a fiscal year: write the Western year in which it starts, e.g. 2025, or its era year, e.g. 令和7年度.
new-year-exists = { $dir } already exists; nothing was written.
year-next-open = 1. Open the worksheets in { $dir } in Excel: last year's items are copied, with last year's next target as this year's target.
year-next-fill = 2. Fill in the results, ratings (◎ ○ △ ×), next targets, issues, population, households and date.
year-next-save = 3. Save each as "CSV UTF-8" into content/progress/{ $year }/ under the same name.
year-next-check = 4. Check it with plansite serve: an empty or unreadable value is shown with its file, line and column.
year-next-meta = 5. Check { $file } (sample: true if the figures are sample data).
init-not-empty = { $dir } is not empty: give a new or empty folder.
init-created = Created a site in { $dir }.
init-bad-langs = --lang takes language codes separated by commas, e.g. --lang ja,en.
init-lang-twice = --lang names a language twice.
init-no-theme-words = The built-in theme has no words for `{ $lang }` (it has ja and en).
init-next = { "  " }1. Run plansite serve in the folder and open http://127.0.0.1:1111/.
    { "  " }2. Replace the "Example" words in the files under content/ with your plan's own.
    { "  " }3. README.md explains the rest.
create-exists = An existing file is never overwritten; nothing was written:
create-not-ours = { $path } was not written by plansite; it was left as it is (move it away, then try again)
serve-port-in-use = port { $port } on { $bind } is already in use; stop the other program (or another `plansite serve`), or choose another port with --port { $next }
serve-cannot-listen = cannot listen on { $addr }: { $why }
serve-cannot-watch = cannot watch { $path }: { $why }
template-failed = template { $template }: { $detail }
file-name-not-utf8 = the file name is not valid UTF-8; rename it using letters, digits and hyphens
file-name-control = the file name has a control character (a line break, a tab or an escape); rename it using letters, digits and hyphens
source-changed = the file changed while the site was being built (or can no longer be read); build again

not-an-own-page = `{ $folder }` holds only the texts of the pages { $pages }: `{ $name }` is none of them
not-an-own-page-hint = name the file `<page>.<language>.md`, e.g. `accessibility.ja.md`
own-page-language = `{ $lang }` in the file name is not one of the site's languages
own-page-language-hint = name the file `{ $name }.<language>.md` with one of: { $languages }
not-a-language-tag = `{ $tag }` is not a BCP 47 language tag
language-tag-hint = write a tag such as `ja`, `en`, `zh-Hans`
bad-fallback = `{ $fallback }` cannot stand in for `{ $lang }`
bad-fallback-hint = a fallback is another of the site's languages ({ $languages }); the primary language has none

## The command line's help and argument errors (diag/cli.rs, cli.rs)

cli-usage-heading = Usage:{ " " }
cli-commands-heading = Commands:
cli-arguments-heading = Arguments:
cli-options-heading = Options:
cli-command-placeholder = COMMAND
cli-options-placeholder = [OPTIONS]
cli-help-flag = Print help
cli-version-flag = Print version
cli-default = { " " }[default: { $value }]
cli-possible-values = { " " }[possible values: { $values }]
cli-quoted = '{ $text }'
cli-list-separator = {", "}
cli-tip = { "  " }tip: { $tip }
cli-more-help = For more information, try '{ $command } --help'.
cli-tip-did-you-mean = did you mean { $what }?
cli-tip-commands = the commands are { $commands }
cli-tip-values = possible values: { $values }
cli-tip-as-value = to pass '{ $arg }' as a value, write '{ $instead }'
cli-tip-remove-dashes = '{ $name }' is a command; to use it, remove the '--' before it
cli-unknown-command = unrecognized subcommand '{ $name }'
cli-unknown-argument = unexpected argument '{ $arg }' found
cli-missing-argument = the following required arguments were not provided: { $args }
cli-missing-command = '{ $name }' requires a subcommand but one was not provided
cli-value-missing = a value is required for '{ $arg }' but none was supplied; write a value after it
cli-invalid-value = invalid value '{ $value }' for '{ $arg }'
cli-invalid-value-why = invalid value '{ $value }' for '{ $arg }': { $why }
cli-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
cli-wrong-number-of-values = wrong number of values for '{ $arg }'
cli-given-twice = the argument '{ $arg }' cannot be used multiple times
cli-conflict = the argument '{ $arg }' cannot be used with { $other }
cli-no-equals = equal sign is needed when assigning values to '{ $arg }'
cli-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
cli-other-error = { $text }
cli-not-a-lang = write ja or en
cli-not-a-port = write a port number from 0 to 65535, e.g. 8080
cli-not-an-ip = write an IP address, e.g. 127.0.0.1, 0.0.0.0 or ::1
cli-reason-and-hint = { $reason }; { $hint }
cli-about = Publishes a public plan as a bilingual, searchable static site
cli-build-about = Build the site from content/ and themes/ into site/.
cli-check-about = Check the site without writing anything: broken links and references, images without alternative text, untranslated pages, unlinked files… Exit code 1 if there are errors.
cli-serve-about = Preview the site: build it, serve it, rebuild and reload the browser on every change.
cli-new-about = Create the files of a new case study, area, theme or fiscal year (never overwrites).
cli-new-case-about = A case study in an area: content/cases/<slug>.yaml and a body per language.
cli-new-year-about = A fiscal year of progress data: content/progress/<YYYY>/year.yaml, and a worksheet per area with last year's items (results left empty) in progress-sheets/<YYYY>/.
cli-new-area-about = An area: content/areas/<slug>.yaml and a body per language.
cli-new-theme-about = An action theme: content/themes/<slug>.yaml and a body per language.
cli-init-about = Create a new, minimal site in an empty folder.
cli-translations-about = List the texts whose translation is missing or out of date (or --mark them done).
cli-schema-about = Write JSON Schemas of the content files, so editors (VS Code with the YAML extension) complete and check fields as they type.
cli-arg-lang = The language of plansite's messages, `ja` or `en` (given before the command: `plansite --lang en build`). Without it: PLANSITE_LANG, else the system locale (LC_ALL, LC_MESSAGES, LANG: Japanese if it starts with `ja`), else English.
cli-arg-root = The site root holding content/ and themes/.
cli-arg-root-content = The site root holding content/.
cli-arg-schema-root = The site root holding content/ (its areas and themes become allowed values).
cli-arg-output = Where to write the site [default: ROOT/site].
cli-arg-base-url = The address the site is published at, overriding content/site.yaml.
cli-arg-timings = Print how long each stage of the build took.
cli-arg-quiet = Print only warnings and errors: no progress, no summary.
cli-arg-verbose = Also print how long each stage took and what was reused.
cli-arg-force = Publish into a non-empty folder plansite did not write (its other files are kept), and replace files plansite did not write where the site has a file of the same name.
cli-arg-drafts = Publish drafts (`draft: true`) too, each page with a band saying it is a draft.
cli-arg-future = Publish case studies dated after today too (compared in the site's time zone).
cli-arg-strict = Count warnings as errors (exit code 1 if there is any).
cli-arg-external = Also ask every outside link over the network (10 s timeout, one request per second and host; good answers are remembered for a day in ROOT/.plansite-cache/links.json).
cli-arg-bind = The address to listen on; anything but 127.0.0.1 makes the preview visible to the network.
cli-arg-port = The port to listen on.
cli-arg-open = Open the preview in the default browser.
cli-arg-serve-output = Also write each good build to this directory (by default the preview writes nothing).
cli-arg-allowed-host = Also answer requests addressed to this host name (e.g. the machine's name on the network, or a tunnel's); may be given more than once. Other names are refused.
cli-arg-page-memory = Keep up to this many megabytes of rendered pages and search index in memory (1024 unless given); the pages past it are kept on disk, under the site root's .plansite-cache/, until the preview stops.
cli-arg-area = The area it belongs to (a file name in content/areas/, without .yaml).
cli-arg-slug = The file name: lower-case letters, digits and hyphens.
cli-arg-year = The Western year in which the fiscal year starts (2025 = 令和7年度).
cli-arg-number = The theme's number (not used by another theme).
cli-arg-dir = The folder of the new site (created; an existing one must be empty).
cli-arg-init-lang = The site's languages, the primary (original) language first.
cli-arg-translations-lang = Only this language (e.g. en); by default every language but the first.
cli-arg-csv = Also write the list as CSV (UTF-8, for Excel) to FILE.
cli-arg-mark = Record that the translations of FILE (a YAML file or a body; its other files too) are up to date with the original text; may be given more than once.
cli-arg-mark-all = Record every translation there is as up to date (to start the record).
cli-arg-out = Where to write the schemas [default: ROOT/schemas].

## The system's errors (diag/io.rs)

io-not-found = the file or folder does not exist
io-permission-denied = permission denied: plansite may not read or write here
io-already-exists = it already exists
io-storage-full = the disk is full (or its quota is used up)
io-read-only = the disk or folder is read-only
io-file-too-large = the file is too large for this disk
io-too-many-open-files = too many files are open at once (the system's limit)
io-invalid-data = the content is not valid text (UTF-8) or is damaged
io-unexpected-eof = the file ends too early (damaged, or still being written)
io-directory-not-empty = the folder is not empty
io-not-a-directory = a part of the path is a file, not a folder
io-is-a-directory = this is a folder, not a file
io-busy = the file is in use by another program
io-interrupted = the operation was interrupted
io-timed-out = no answer in time
io-addr-in-use = the address (port) is already in use by another program
io-addr-not-available = the address is not one of this computer's
io-connection = the connection was refused or broken
io-network = the network or the host cannot be reached
io-out-of-memory = out of memory
io-link-loop = the folder contains a loop of links
io-other = { $text }

## The preview's own answers and warnings (serve/http.rs, serve/server.rs)

serve-404-heading = Page not found
serve-404-text = There is no page at this address in the preview.
serve-405 = 405 Method Not Allowed: the preview answers only GET and HEAD, not { $method }.
serve-400-hosts = 400 Bad Request: more than one Host header.
serve-400-no-host = 400 Bad Request: the request names no host (no Host header); the preview answers only requests addressed to it.
serve-403 = 403 Forbidden: this preview answers only requests addressed to itself, and this one was addressed to "{ $host }". If you opened the preview under that name on purpose, start it again with --allowed-host NAME (the name without the port).
serve-500 = 500 Internal Server Error: the preview failed to answer this request (the terminal says why).
serve-503 = 503 Service Unavailable: the preview is busy ({ $what }). Close some preview tabs, or try again in a moment.
serve-busy-streams = too many live-reload connections are open
serve-busy-connections = too many connections are open
serve-panic = error: the preview failed to answer a request ({ $what }); it goes on serving
serve-file-limit = warning: this process may open only { $limit } files, so the preview takes at most { $fit } connections at once
serve-accept-failed = warning: the preview could not accept a connection: { $why }
serve-connections-full = warning: the preview has { $count } connections open, the most it takes; it answers more with 503 until some close
serve-watch-limit = the system's limit on watched folders is reached (on Linux, raise fs.inotify.max_user_watches)
page-size-out-of-range = `pagination: {"{"}{ $field }: …{"}"}` must be a whole number from 1 to { $max }, not { $value }
page-size-hint = write how many items each page of a long list shows, e.g. `pagination: {"{"}{ $field }: { $default }{"}"}` (leave it out for { $default })
