# plansite のメッセージ（日本語）。ここにあるメッセージはすべて en.ftl にもなければなりません
# （両方のカタログのキーが同じこと、src/ で使うキーがすべてあることをテストが確かめます）。
# 引数は { $name }、波かっこそのものは {"{"} と {"}"} と書きます。

## 共通

verbatim = { $text }
level-error = エラー
level-warning = 警告
hint-label = ヒント
check-summary = エラー { $errors } 件、警告 { $warnings } 件（{ $files } ファイル）

## YAML（content/yaml.rs）

yaml-unknown-field = `{ $field }` という項目はありません
unknown-field = `{ $field }` という項目はありません
unknown-field-hint-nearest = `{ $nearest }` の書き間違いではありませんか。ここで使える項目：{ $fields }
unknown-field-hint-remove = この項目を削除してください。このファイルの項目は docs/content.md にあります
unknown-field-hint-list = 削除するか、次のどれかにしてください：{ $fields }
yaml-missing-field = 項目 `{ $field }` がありません
missing-field-hint = この項目に `{ $field }:` を書き足してください。何を書くかは docs/content.md にあります
yaml-duplicate-key = 同じ項目が二度書かれています（YAML パーサーの原文：{ $detail }）
duplicate-key-hint = 一つの項目には一度しか書けません。どちらかを削除するか、名前を変えてください
yaml-wrong-type = 値の形が違います（YAML パーサーの原文：{ $detail }）
wrong-type-hint-text = ここには文字を書いてください。`: ` を含むときや記号で始まるときは引用符で囲んでください
wrong-type-hint-map = ここには `名前: 値` の形で項目を書いてください。文章は言語ごとに書きます（例：`title: {"{"}ja: 見守り, en: Watching over{"}"}`）
wrong-type-hint-list = ここにはリストを書いてください：`[a, b]`、または1行に1つずつ `- 項目`
wrong-type-hint-number = 半角数字の整数を書いてください（例：`3`）
wrong-type-hint-form = 値の形が違います。この項目に何を書くかは docs/content.md にあります
yaml-syntax = YAML として読めません（YAML パーサーの原文：{ $detail }）
yaml-syntax-hint = 字下げ（タブではなく半角スペース）を確かめてください。`: ` を含む文や、`{"{"}`、`[`、`*`、`&`、`!`、`|`、`>`、`#` で始まる文は引用符で囲んでください
yaml-fullwidth-space = ここに全角スペースがあります。YAML の字下げや `:` の後ろには半角スペースしか使えません
yaml-fullwidth-space-hint = 半角スペースに置き換えてください（日本語入力をオフにするか、Shift を押しながらスペースを入力します）
yaml-fullwidth-colon = `{ $key }` の後ろのコロンが全角（`：`）です。項目名の後ろは半角の `:` にします
yaml-fullwidth-colon-hint = 値の前に `{ $key }: `（半角のコロンと半角スペース）と書いてください
yaml-missing-colon = `{ $key }` の後ろに `:` がないため、項目として読めません
yaml-missing-colon-hint = 値の前に `{ $key }: `（半角のコロンと半角スペース）と書いてください
yaml-smart-quotes = この値は全角の引用符（“…”）で囲まれていますが、YAML はこれを引用符として扱いません
yaml-smart-quotes-hint = 半角の引用符（"…"）で囲んでください。ワープロソフトは入力中に “…” に変えることがあります
yaml-limit-hint = このファイルはリストや項目の入れ子が { $depth } 段より深いか、`*alias` を { $aliases } 回より多く使っています。簡単にするか、content/site.yaml の `limits: {"{"}yaml_depth: …, yaml_aliases: …{"}"}` で上限を上げてください

## 進捗（model/resolve/progress.rs）

not-a-fiscal-year = `{ $value }` は年度ではありません
bad-year-folder-hint = フォルダー名は年度が始まる年の西暦にしてください（例：令和6年度なら content/progress/2024/）
duplicate-area-progress = { $area } のこの年度のデータは { $first } にもあります
duplicate-area-progress-hint = { $area_word ->
        [none] 区域
       *[other] { $area_word }
    }と年度ごとにファイル（またはシート）は一つにしてください
progress-area-hint-nearest = `{ $nearest }` の書き間違いではありませんか。ファイル名やシート名は{ $area_word ->
        [none] 区域
       *[other] { $area_word }
    }の名前にしてください：{ $areas }
progress-area-hint = ファイル名やシート名は{ $area_word ->
        [none] 区域
       *[other] { $area_word }
    }の名前（content/areas/ のファイル名か日本語の名前）にしてください：{ $areas }
no-such-area = `{ $name }` という{ $area_word ->
        [none] 区域
       *[other] { $area_word }
    }はありません
no-districts = このファイルには{ $district_word ->
        [none] 地区
       *[other] { $district_word }
    }がありません
no-districts-hint = { $district_word ->
        [none] 地区
       *[other] { $district_word }
    }を一つ以上、その取組項目とともに書いてください
duplicate-district = { $district_word ->
        [none] 地区
       *[other] { $district_word }
    } `{ $name }` が二度書かれています（最初は { $first }）
duplicate-district-hint = { $district_word ->
        [none] 地区
       *[other] { $district_word }
    }は一度だけ書き、その取組項目をすべてまとめてください
counts-without-date = 人口や世帯数に基準日がありません
counts-without-date-hint = 数えた日（基準日 / counted_on）を書いてください（例：2025-03-31）
rating-empty = 達成状況が空です
not-a-rating = `{ $value }` は達成状況として使えません
rating-hint = ◎（年度目標以上）、○（概ね達成）、△（一部達成）、×（未達成）のどれかを書いてください。excellent、good、partial、none でもかまいません
progress-text-empty = { $what ->
        [item] 取組項目
        [target] 目標又は予定
        [next-target] 次年度の目標又は予定
        [district] { $district_word ->
            [none] 地区名
           *[other] { $district_word }
        }
        [result] 実績
        [issues] 課題
       *[other] { $what }
    }が空です
progress-text-empty-hint = { $what ->
        [item] 取組項目
        [target] 目標又は予定
        [next-target] 次年度の目標又は予定
        [district] { $district_word ->
            [none] 地区名
           *[other] { $district_word }
        }
        [result] 実績
        [issues] 課題
       *[other] { $what }
    }を主言語（{ $primary }）で書いてください
area-has-no-policies = { $area } には基本方針がないため、取組項目に基本方針は書けません
area-has-no-policies-hint = 基本方針を空にするか、{ $area_word ->
        [none] 区域
       *[other] { $area_word }
    }に `policies:` を書いてください
policy-missing = 基本方針がありません
area-policies = { $area } の基本方針は { $numbers } です
policy-number-hint = { $area_word ->
        [none] 区域
       *[other] { $area_word }
    }の基本方針のどれかの番号を書いてください
not-a-policy-number = `{ $value }` は基本方針の番号ではありません
no-such-policy = { $area } に基本方針 { $number } はありません
not-a-count = `{ $value }` は数ではありません（{ $what ->
        [population] 人口
        [households] 世帯数
       *[other] { $what }
    }）
count-hint = 12345 のように整数を書いてください（桁区切りのコンマは使えます。単位は書きません）
not-a-date = `{ $value }` は日付ではありません
date-hint-2025 = 実在する日付を `2025-03-31`、`2025/3/31`、`令和7年3月31日` のように書いてください
not-a-flag = `{ $value }` は「はい」「いいえ」のどちらでもありません
flag-hint = 重点・主な取組には ○（または yes）を書き、そうでなければ空欄にしてください

## 内容のモデル（model/resolve/mod.rs、images.rs、base_url.rs）

did-you-mean = `{ $nearest }` の書き間違いではありませんか
not-an-image = `{ $path }` は plansite が公開できる画像ではありません
not-an-image-hint = 写真は JPEG（.jpg）、図や画面の写しは PNG にしてください。WebP、GIF、SVG も使えます
no-such-image = 画像 `{ $path }` がありません
no-such-image-hint = ファイルを { $path } に置くか、`src` を直してください（content/ から見た場所を書きます）
no-such-icon-hint = ファイルを { $path } に置くか、場所を直してください（content/ から見た場所を書きます）
no-alt = この画像に代替テキストがありません
no-alt-hint = 画像を見られない人のために、何が写っているかを `alt:` に書いてください（例：`alt: {"{"}ja: 公民館で昼食を囲む住民, en: "Residents sharing lunch at the community centre"{"}"}`）
no-such-file = ファイル `{ $path }` がありません
no-such-document-hint = 文書を { $path } に置くか（文書は content/files/ に置きます）、`file` を直してください
not-a-language-code = `{ $code }` は言語コードではありません
language-code-hint = `ja`、`en`、`ko`、`zh-Hans` のようなコードを書いてください
language-listed-twice = `{ $code }` が二度書かれています
no-language = サイトには言語が一つ以上必要です
no-language-hint = `languages: [{"{"}code: ja, name: 日本語{"}"}, {"{"}code: en, name: English{"}"}]` と書いてください。最初の言語が主言語です
primary-text-missing = 主言語（`{ $primary }`）の文がないか、空です
primary-text-missing-hint = `{"{"}{ $primary }: …, …{"}"}` の形で書いてください。主言語は必須で、ほかの言語は省略できます
language-hint-nearest = `{ $nearest }` の書き間違いではありませんか。サイトの言語：{ $languages }
site-languages = サイトの言語（site.yaml）：{ $languages }
not-a-site-language = `{ $lang }` はサイトの言語ではありません
words-unknown-language = `words:` にサイトにない言語 `{ $lang }` があります
word-hint-nearest = `{ $nearest }` の書き間違いではありませんか。サイトで変えられる語は docs/words.md にあります
word-hint = サイトで変えられる語は docs/words.md にあります
unknown-word = `{ $key }` はテーマが表示する語ではありません
not-an-action-status = `{ $value }` は取組の区分ではありません
action-status-hint = `new`（新規）か `expanded`（拡充）と書いてください。継続の取組なら `status` は書きません
one-of-hint-nearest = `{ $nearest }` の書き間違いではありませんか。次のどれかです：{ $values }
one-of-hint = 次のどれかを書いてください：{ $values }
not-a-publisher-kind = `{ $value }` は発行者の種類ではありません
body-language-unknown = ファイル名の `{ $lang }` はサイトの言語ではありません
body-language-hint = Markdown の本文は `<slug>.<言語>.md` と名付けてください。言語は次のどれかです：{ $languages }
no-primary-body = この翻訳と並ぶ `{ $primary }` の本文がありません
no-primary-body-hint = まず `.{ $primary }.md` のファイルに原文を書いてください
not-a-web-address = `{ $value }` はウェブアドレスではありません
web-address-hint = https:// で始まる完全なアドレスか、`@overview` のようなページ参照を書いてください
not-a-phone-number = `{ $value }` は電話番号ではありません
phone-hint = 半角数字とハイフンで書いてください（例：`043-245-5111`）
not-an-email = `{ $value }` はメールアドレスではありません
email-hint = `chiiki@example.lg.jp` のように書いてください
not-a-postal-code = `{ $value }` は郵便番号ではありません
postal-code-hint = 半角数字7桁を `260-0844` の形で書いてください
not-a-file-of-kind = `{ $path }` は .{ $ext } のファイルではありません
icon-file-hint = content/ の下の .{ $ext } ファイルを指定してください（アイコンはこれから作ります）。テーマのものを使うなら、この行を削除してください
fiscal-year-hint = 年度が始まる年を西暦で書いてください（例：令和4年度なら `2022`）
period-backwards = 期間の終わり（{ $to }）が始まり（{ $from }）より前です
period-hint = `from` は最初の年度、`to` は最後の年度です
policy-listed-twice = 基本方針 { $number } が二度書かれています
case-without-theme = 事例には{ $theme_word ->
        [none] テーマ
       *[other] { $theme_word }
    }が一つ以上必要です
case-without-theme-hint = content/themes/ のスラッグで `themes: [<{ $theme_word ->
        [none] テーマ
       *[other] { $theme_word }
    }のスラッグ>]` と書いてください
theme-listed-twice = { $theme_word ->
        [none] テーマ
       *[other] { $theme_word }
    } `{ $theme }` が二度書かれています
date-hint-2024 = 実在する日付を `2024-04-01`、`2024/4/1`、`令和6年4月1日` のように書いてください
theme-number-hint = { $theme_word ->
        [none] テーマ
       *[other] { $theme_word }
    }ごとに別の番号を付けてください
area-order-hint = { $area_word ->
        [none] 区域
       *[other] { $area_word }
    }ごとに別の `order` を付けてください
number-used-twice = { $what ->
        [theme-number] { $theme_word ->
            [none] テーマ
           *[other] { $theme_word }
        }番号
        [order] 並び順（order）
       *[other] { $what }
    } { $number } は { $other } でも使われています
reference-hint-nearest = `{ $nearest }` の書き間違いではありませんか。ある{ $kind ->
        [area] { $area_word ->
            [none] 区域
           *[other] { $area_word }
        }
        [theme] { $theme_word ->
            [none] テーマ
           *[other] { $theme_word }
        }
       *[other] { $kind }
    }：{ $known }
reference-hint = { $dir } にあるファイルの名前（.yaml を除く）を書いてください。ある{ $kind ->
        [area] { $area_word ->
            [none] 区域
           *[other] { $area_word }
        }
        [theme] { $theme_word ->
            [none] テーマ
           *[other] { $theme_word }
        }
       *[other] { $kind }
    }：{ $known }
no-such-item = { $kind ->
        [area] { $area_word ->
            [none] 区域
           *[other] { $area_word }
        }
        [theme] { $theme_word ->
            [none] テーマ
           *[other] { $theme_word }
        }
       *[other] { $kind }
    } `{ $name }` はありません
structure-without-bodies = 推進体制には組織が一つ以上必要です
structure-without-bodies-hint = 協議会や事務局を `bodies:` の下に並べてください
bad-id = `{ $id }` は ID に使えません
bad-id-hint = 半角英小文字 a–z、数字、ハイフンを使ってください（例：`ward-council`）
id-used-twice = ID `{ $id }` が二度使われています
id-used-twice-hint = 組織ごとに別の ID を付けてください
tier-zero = 段（tier）は 1（いちばん上の段）から始まります
body-id-hint = 上に書いた ID のどれかを使ってください：{ $ids }
no-such-body = ID が `{ $id }` の組織はありません
not-a-base-url = `{ $value }` は完全なウェブアドレスではありません
base-url-hint = サイトを公開するアドレスを書いてください（例：`https://www.example.lg.jp/plan/`）

## 内容の読み込み（content/*.rs、media/、search_words.rs、publish.rs）

not-a-time-zone = `{ $value }` はタイムゾーンではありません
time-zone-hint = `Asia/Tokyo`（既定）のような IANA のタイムゾーン名を書くか、`time_zone` を書かないでください
not-one-word = `{ $form }` は一つの語ではありません
one-word-hint = 一つの語を書いてください：日本語の文字だけ（2文字以上。例：`犢橋`、`こてはし`）か、英字だけ（例：`Kotehashi`）。空白や文字の種類が混ざったものは検索で一致しません（{ $file }）
no-reading = `{ $word }` に読みがありません
no-reading-hint = 後ろに読みを書いてください：`{ $word }: よみかた`
synonyms-too-few = 同義語のグループには二つ以上の語が必要です
synonyms-too-few-hint = 互いに検索で見つかる語をリストで書いてください：`- [社協, 社会福祉協議会]`
no-furigana-for = `{ $name }` にはふりがなを付けられません
no-furigana-for-hint = 本文にあるとおりの名前を書いてください（40文字まで。`{"{"}`、`|`、`{"}"}` は使えません）
not-kana = `{ $reading }` はかなの読みではありません
not-kana-hint = 読みをひらがなで書いてください：`{ $name }: よみかた`
avif-not-published = AVIF 画像からは位置やカメラなどの情報を取り除けないため、公開しません
avif-not-published-hint = 写真は JPEG、図や画面の写しは PNG で保存し直してください
name-taken-by-variant = この名前は、plansite が公開する { $path } の縮小版と同じです
name-taken-by-variant-hint = このファイルの名前を変えてください。`.<数字>w.<形式>` で終わる名前は plansite が使います
image-unreadable = この画像は公開できません（画像処理ライブラリーの原文：{ $why }）
image-unreadable-hint = 画像ソフトで開き、JPEG（写真）か PNG（図）で保存し直してください
symlink-not-followed = これはシンボリックリンクです。リンクはたどらないため、読み込まれず公開もされません
symlink-not-followed-hint = リンクではなく、ファイルのコピーをここに置いてください
orphan-body = この Markdown ファイルと並ぶ `{ $stem }.yaml` がありません
orphan-body-hint = `{ $stem }.yaml` を作るか、既にある項目に合わせてファイル名を変えてください（`<slug>.<言語>.md`）
nested-file = `content/{ $dir }/` のファイルはサブフォルダーに置けません
nested-file-hint = `content/{ $dir }/` に移してください
bad-slug = `{ $name }` はウェブアドレスに使えません
bad-slug-hint = ファイル名は半角英小文字 a–z、数字、ハイフンで付けてください（例：`kodomo-shokudo.yaml`）
duplicate-slug = `{ $name }` は { $first } の名前でもあります
duplicate-slug-hint = 項目ごとに別のファイル名が必要です。どちらかの名前を変えるか、削除してください
body-without-language = Markdown の本文はファイル名に言語を書いてください
body-without-language-hint = `{ $stem }.ja.md`（日本語）か `{ $stem }.en.md`（英語）という名前にしてください
not-content = このファイルは内容ではないため、サイトにコピーされません
not-content-hint = 内容のファイルは .yaml か .<言語>.md で終わります。画像と PDF は .{ $media }、そのほかの文書（.{ $documents }）は { $files_dir } に置きます
required-file = このファイルは必須です
required-file-hint = 作成してください。例は docs/content.md にあります
not-utf8 = このファイルは UTF-8 のテキストではありません
not-utf8-hint = UTF-8 で保存してください（メモ帳なら：名前を付けて保存 → 文字コード UTF-8）。Shift_JIS は読めません
limit-exceeded = { $what ->
        [markdown] この Markdown ファイル
        [yaml] この YAML ファイル
        [csv] この CSV ファイル
        [xlsx] このブック
        [xlsx-unpacked] このブックの展開後の大きさ
        [pdf] この文書
        [image] この画像
       *[other] { $what }
    }は { $amount } で、上限の { $limit } を超えています
limit-exceeded-count = { $what ->
        [rows] 行
       *[other] セル
    }の数が { $count } 以上あり、上限の { $limit } を超えています
limit-exceeded-hint = 小さくする（または分ける）か、content/site.yaml の `limits: {"{"}{ $key }: { $raise_to }{"}"}` で上限を上げてください
svg-not-utf8 = この SVG ファイルは UTF-8 のテキストではありません
svg-not-utf8-hint = 作図ソフトから SVG（UTF-8）で保存し直すか、PNG で書き出してください
unsafe-svg = この SVG ファイルには{ $what ->
        [script] スクリプト
        [foreign-object] 埋め込まれた HTML（foreignObject）
        [iframe] 埋め込まれたページ
        [object] 埋め込まれたオブジェクト
        [entity] 文書型の宣言（実体や属性の既定値）
        [encoding] UTF-8 以外の文字コードの文字
        [css-escape] CSS のエスケープ（\…）
        [handler] イベントハンドラー
        [handler-attribute] イベントハンドラーの属性
        [style-markup] スタイルシート（<style>）の中のタグ
        [stylesheet] 外部のスタイルシート
        [link] ほかのファイルやアドレスへのリンク・参照
        [script-address] スクリプトのアドレス
        [link-target] 名前付きのウィンドウで開くリンク、またはこのページを渡すリンク（target、rel="opener"）
        [too-complex] 図形には多すぎる実体・名前空間・属性、または埋め込まれた図形の中の実体（ビルドを止めてしまうおそれがあります）
       *[other] { $what }
    }が含まれています。サイトでコードが実行されるおそれがあるため、公開しません
unsafe-svg-hint = スクリプトやリンクを含めずに SVG で書き出し直す（Inkscape なら「プレーン SVG」、Illustrator なら「Illustrator の編集機能を保持」をオフ、draw.io なら「Embed Images」と「Embed Fonts」をオン）か、PNG で書き出してください
svg-unknown-element = この SVG ファイルには図形の要素ではない `<{ $name }>` が含まれています。ブラウザーでの動作を確かめられないため、公開しません
svg-unknown-attribute = この SVG ファイルのラベルの HTML には、ラベルにはない属性 `{ $name }` が含まれています。ブラウザーでの動作を確かめられないため、公開しません
svg-not-xml = この SVG ファイルは XML として正しくありません（XML パーサーの原文：{ $why }）。ブラウザーでは図が表示されません
svg-not-xml-hint = 作図ソフトから SVG で書き出し直すか、PNG で書き出してください

## 進捗の表（content/progress/）

csv-open-quote = この引用符（"）が閉じられていません
csv-open-quote-hint = セルの終わりにもう一つ " を書いて閉じるか、削除してください。Excel からは「CSV UTF-8」で保存してください
csv-bad-row = この CSV の行を読めません（CSV パーサーの原文：{ $why }）
csv-bad-row-hint = 引用符（"）がすべて閉じられているか確かめてください。Excel からは「CSV UTF-8」で保存してください
workbook-unreadable = ブックを読めません（Excel ファイルを読むライブラリーの原文：{ $why }）
workbook-unreadable-hint = Excel から .xlsx のブックとして保存し直してください（.xls やパスワード付きは読めません）
sheet-bad-reference = シート `{ $name }` を読めません：セルの参照が壊れています
sheet-unreadable = シート `{ $name }` を読めません（Excel ファイルを読むライブラリーの原文：{ $why }）
table-empty = 表が空です
table-empty-hint = 1行目には列の見出しを書きます。`plansite new year <西暦>` で見出しの入ったワークシートを作れます
column-twice = 列 `{ $column }` が二つあります
unknown-column = `{ $column }` は進捗データの列ではありません
unknown-column-hint = 次のどれかの見出しにしてください：{ $columns }
cell-without-column = セル `{ $value }` の上に列の見出しがありません（この行のセルは { $cells } 個、見出しの行は { $columns } 列）。このままではどこにも公開されません
cell-without-column-hint = 文章のセルにコンマ（,）があると、そこで二つのセルに分かれます。その文章を半角の二重引用符（"…"）で囲んでください（Excel で「CSV UTF-8」として保存すると囲まれます）。または、このセルを消すか、列に見出しを付けてください
missing-column = 列 `{ $column }`（{ $key }）がありません
missing-column-hint = 1行目に見出しが `{ $column }` の列を加えてください
district-differs = `{ $new }` は、同じ地区について { $at } に書かれた `{ $old }` と違います
district-differs-hint = 地区の列は、その地区のどの行でも同じでなければなりません。どちらかを直してください
progress-not-in-year = 進捗のファイルは年度ごとのフォルダーに置きます
progress-not-in-year-hint = content/progress/<年度>/ に置いてください（例：content/progress/2024/chuo.csv）
year-yaml-missing = 年度のフォルダーには year.yaml が必要です
year-yaml-missing-hint = 作成してください。数値がサンプルなら `sample: true`、そうでなければ空の `{"{"}{"}"}` と書きます
not-progress = このファイルは進捗データではありません
not-progress-hint = 年度のフォルダーには year.yaml と、区域ごとの <区域>.yaml、<区域>.csv、または progress.xlsx のシートを置きます
csv-not-utf8-hint = UTF-8 で保存してください。Excel なら：名前を付けて保存 → CSV UTF-8（コンマ区切り）。Shift_JIS は読めません
csv-utf16-hint = このファイルは UTF-16（Excel の「Unicode テキスト」）です。「名前を付けて保存」で「CSV UTF-8（コンマ区切り）」を選んで保存し直してください

## テーマと点検（render/templates.rs、check/、model/refs.rs）

ui-string-missing-builtin = 画面の文言 `{ $key }` がありません。組み込みテーマの文言を使います
ui-string-missing-hint-builtin = `{ $key }: { $text }`（または独自の言い回し）を書き足してください
ui-string-missing = 画面の文言 `{ $key }` がありません。{ $primary } の文言を使います
ui-string-missing-hint = `{ $text }` を訳して `{ $key }: …` を書き足してください
ui-strings-missing = テーマに言語 `{ $lang }` の画面の文言がありません
ui-strings-missing-hint = themes/default/i18n/en.yaml を themes/{ $theme }/i18n/{ $lang }.yaml にコピーして翻訳してください
external-link-status = `{ $url }` は { $status } を返しました
external-link-no-answer = `{ $url }` から応答がありません（通信ライブラリーの原文：{ $why }）
external-link-hint = ブラウザーでアドレスを開いてください。直すか、置き換わったページにリンクしてください
ref-no-progress-year = `{ $reference }`：`{ $year }` 年度の進捗はありません
ref-progress-years-hint = 進捗データのある年度を書いてください：{ $count ->
        [0] （なし）
       *[other] { $years }
    }
ref-no-progress-area = `{ $reference }`：{ $year } 年度に `{ $area }` の進捗はありません
ref-progress-areas-hint = { $year } 年度に進捗のある区域：{ $count ->
        [0] （なし）
       *[other] { $areas }
    }
ref-no-file = `{ $reference }`：ファイル `{ $path }` がありません
ref-file-hint = ファイルを content/ の下（文書は content/files/）に置き、`@file/` の後にその場所を書いてください
ref-no-page = `{ $reference }` という名前のページはありません
ref-page-hint = `@<ページ>`（{ $pages }）、`@theme/<slug>`、`@area/<slug>`、`@case/<slug>`、`@progress/<年度>`、`@file/<場所>` のどれかを書いてください
ref-unknown-kind = `{ $reference }` はこのサイトで使える参照ではありません
ref-kind-hint = `@theme/<slug>`、`@area/<slug>`、`@case/<slug>`、`@progress/<年度>`、`@file/<場所>`、または `@overview` のようなページを書いてください
ref-no-item = `{ $reference }`：{ $kind ->
        [case] 事例
        [area] { $area_word ->
            [none] 区域
           *[other] { $area_word }
        }
        [theme] { $theme_word ->
            [none] テーマ
           *[other] { $theme_word }
        }
       *[other] { $kind }
    } `{ $id }` はありません
ref-item-hint = { $dir } にあるファイルの名前（.yaml を除く）を書いてください：{ $count ->
        [0] （なし）
       *[other] { $known }
    }
markdown-image-without-alt = 画像 `{ $src }` に代替テキストがありません
markdown-image-without-alt-hint = 画像を見られない人のために、何が写っているかを角かっこの中に書いてください：`![…]({ $src })`
external-image = この画像はほかのサイトにあります（`{ $src }`）。ページはこのサイトの画像だけを表示するため、壊れた画像になります
external-image-hint = 画像を content/images/ に保存して、その名前を書いてください：![何が写っているか](@file/images/名前.jpg)
link-address-hint = `https://www.example.jp/page.html` のように、アドレス全体を空白なしで書いてください
mailto-hint = `mailto:` の後にアドレスを書いてください（例：`mailto:fukushi@example.jp`）
tel-hint = `tel:` の後に番号を半角数字で書いてください（例：`tel:043-245-5111`）
broken-link = `{ $dest }` はサイトのどのページ・ファイルにもつながりません
broken-link-hint = `@area/<slug>`、`@case/<slug>`、`@file/files/<名前>.pdf` のような参照でリンクしてください。docs/content.md を見てください
broken-link-file-hint = content/{ $file } のファイルには、参照 `@file/{ $file }` でリンクしてください
broken-anchor = `{ $dest }`：ページ { $target } に `#{ $anchor }` という場所はありません
broken-anchor-hint = そのページの見出しの ID を使ってください（見出しをクリックするとアドレスに出ます）
names-nothing = `{ $what }` は何も指していません
from-templates-hint = これは内容ではなくテーマのテンプレートから来ています。このページを作るテンプレートを直してください
page-image-without-alt = 画像（`{ $src }`）に alt 属性がありません{ $pages ->
        [1] {""}
       *[other] （{ $pages } ページ）
    }
page-broken-link = リンク先の `{ $path }` がサイトにありません{ $pages ->
        [1] {""}
       *[other] （{ $pages } ページ）
    }
page-broken-anchor = リンク先の `{ $path }` には、ID `{ $anchor }` がありません{ $pages ->
        [1] {""}
       *[other] （{ $pages } ページ）
    }
page-untranslated = ページ { $page } に { $name } の文がないため、主言語の文を表示しています
page-untranslated-hint = { $name } の文を書き足してください（YAML に `{ $lang }:`、本文がある項目には `.{ $lang }.md`）
body-untranslated = `{ $stem }.{ $lang }.md` がないため、{ $name } のページはほかの言語の文を表示しています
body-untranslated-hint = { $name } の文を `{ $stem }.{ $lang }.md` に書いてください
unlinked-file = このファイルにリンクしているページがありません
unlinked-file-hint = `[名前](@file/{ $path })` でリンクするか、不要なら削除してください
placeholder-left = `plansite new` が書いた仮の文「{ $text }」のままです。ページにはそのまま表示されます
placeholder-left-hint = ここに本来の文を書くか、書き終わるまで `draft: true` を戻してください
unlinked-image = この画像を表示しているページはありませんが、公開されます（アドレスが分かればだれでも見られます）
unlinked-image-hint = `images:` の項目か `![何が写っているか](@file/{ $path })` で表示するか、公開してはいけないものなら削除してください
oversized-file = このファイルは { $size } で、{ $limit } を超えています。スマートフォンで見る住民には通信量の負担になります
oversized-image-hint = 写真を小さくして保存してください（幅 2000 ピクセルほどで十分です）
oversized-document-hint = 文書を分けるか、画像を小さくして保存し直してください
orphan-page = { $path } にリンクしているページがほかにありません
orphan-page-hint = 住民が読むページからリンクしてください（本文に `@case/<slug>` のような参照を書きます）

## コマンド（main.rs、terminal.rs）

building-stage = ビルド中：{ $stage }（{ $number }/{ $total }）…
cli-error = エラー：{ $error }
schemas-written = スキーマを { $count } 個、{ $dir } に書き出しました
host-name-hint = plan-preview.local のようなホスト名を書いてください（英字、数字、「-」「.」。IPv6 アドレスは角かっこで囲みます）
asking-links = 外部リンク { $count } 件を問い合わせています…
build-failed-unchanged = ビルドできませんでした。{ $output } は変更していません
update-unfinished = 出力フォルダーは一部だけ更新され、元に戻せませんでした。次のビルドが、ほかの作業の前にこの更新を終わらせます
build-failed-errors = ビルドできませんでした：内容にエラーが { $errors } 件あります。{ $output } は変更していません
cleaned-up = 途中で止まったビルドの後片付けをしました：{ $path }
replaced-forced = plansite が書いたものではないファイルを置き換えました（--force）：{ $path }
image-cache-not-written = 警告：画像のキャッシュを書き込めませんでした（{ $problem }）。次のビルドで写真をもう一度変換します
kept-files = 出力先にある plansite が書いたものではないファイル { $count } 個をそのまま残しました
held-back = 公開を見送りました：{ $file }（{ $why }）
held-back-hint = { "  " }（公開するには --drafts か --future を付けてください。`plansite serve` では表示されます）
timing-read = ソースの読み込み
timing-peak = { "  " }（MB：その段階でビルドが使ったメモリの最大値。ビルド全体では { $peak } MB）
written-files = { "  " }書き込み：{ $files } ファイル（{ $kb } KB）、前回のビルドから変わらない { $linked } ファイルは書き込まずリンク
written-in-place = { "  " }その場で更新：{ $files } ファイルを書き込み（{ $kb } KB）、{ $removed } ファイルを削除、変わらない { $linked } ファイルはそのまま
journal-damaged = その場での更新の記録が壊れているため、実行しませんでした。このファイルと同じ場所の `.plansite-incoming-…` フォルダーを削除してから、もう一度ビルドしてください（次のビルドはサイト全体を書き込みます）
images-timing = { "  " }画像：変換 { $made } 個、キャッシュから { $cached } 個
reused-verbose = { "  " }再利用：画像キャッシュ（.plansite-cache/images/）の写真 { $cached } 枚。新たに変換：{ $made } 枚
rendered-verbose = { "  " }生成：{ $count } ファイル（前回この出力先に作ったときと同じ内容から作るページは、そのまま残します。.plansite-cache/pages を参照）
checked-verbose = { "  " }チェック：{ $count } ページを読みました（前回この出力先に作ったときとファイルが同じなら、そのまま残したページは読み直しません）
indexed-verbose = { "  " }検索索引：本文（Markdown）を { $count } 件読みました（この出力先に前回の索引があれば、変わったページのまとまりの分だけ）
built-summary = { $pages } ページ（{ $files } ファイル）を { $output } に { $ms } ミリ秒でビルドしました
held-area = { $area_word ->
        [none] 区域
       *[other] { $area_word }
    } `{ $area }` の公開を見送っています
held-themes = 挙げた{ $theme_word ->
        [none] テーマ
       *[other] { $theme_word }
    }がすべて公開を見送られています
held-draft = 下書き（draft: true）です
held-future = 日付が { $date } で、今日より後です

## 出力先のフォルダー（output/）

content-has-errors = 内容にエラーが { $count } 件あります
output-own-folder-hint = サイト専用のフォルダーを選んでください（例：`--output site`、または /var/www/plan のような公開フォルダー）
output-is-root = ここはサイトのルートです。ここにサイトを書き出すと元の内容が消えてしまいます
output-holds-root = このフォルダーはサイトのルート { $root } を含んでいます。ここにサイトを書き出すと元の内容が消えてしまいます
output-in-sources = このフォルダーはサイトの元の内容がある `{ $dir }/` の中にあります
output-holds-sources = このフォルダーはサイトの `{ $dir }/`（リンク先 { $real }）を含んでいます。ここにサイトを書き出すと元の内容が公開されるか消えてしまいます
output-is-file = これはフォルダーではなくファイルです
output-is-file-hint = ファイルを削除するか名前を変えるか、別のフォルダーを選んでください
cache-not-folder = ここにある plansite のキャッシュが、サイトのルートのフォルダーではなくリンクかファイルです。読み書きしていません
cache-not-folder-hint = 削除してください（plansite がフォルダーを作り直します。中身はビルドで作り直せるものだけです）
output-not-ours = このフォルダーは空でなく、plansite が書いたものでもありません（.plansite-manifest がありません）。plansite は自分が書いていないファイルを削除したり置き換えたりしません
output-not-ours-hint = 空のフォルダーか新しいフォルダーを選ぶか、--force を付けて書き出してください（plansite のファイルが加わり、ほかのファイルはすべて残ります）
output-clashes = ここにある { $count } 個のファイルは plansite が書いたものではなく、新しいサイトに同じ名前のファイルがあります：{ $list }
output-clashes-hint = それらをフォルダーの外に移す（またはサイトで公開するなら content/ に置く）か、--force を付けて置き換えてください
schema-file-not-ours = このファイルは plansite が書いたものではありません。そのままにして、何も書き出していません
schema-file-not-ours-hint = 移動するか、--out で別のフォルダーにスキーマを書き出してください

## プレビュー（serve/）

overlay-heading = プレビュー：内容にエラーがあります
serve-bound = 警告：プレビューは { $bind } で待ち受けているため、ネットワークから見えます。{ $bind } あての要求と、--allowed-host で指定した名前あての要求に応えます
serve-bound-any = 警告：プレビューは { $bind } で待ち受けているため、ネットワークから見えます。このコンピューターのどの IP アドレスあての要求にも、--allowed-host で指定した名前あての要求にも応えます
serve-bad-allowed-host = 警告：--allowed-host { $name } はホスト名ではないため、無視します（plan-preview.local のような名前、IPv6 アドレスなら [::1] のように書きます）
serve-first-build = 最初のビルド
serve-serving = プレビューを { $url } で表示しています（Ctrl+C で終了）
serve-changed-many = { $first } ほか { $more } 件
serve-output-failed = エラー：--output に書き出すサイトをビルドできませんでした：{ $error }
serve-index-updated = 検索用の索引を更新しました（{ $ms } ミリ秒）
serve-index-failed = エラー：検索用の索引を作れません：{ $error }
serve-moved = サイトの表示先が { $url } に変わりました
serve-rebuilt = { $what }：{ $rendered } ファイルを新たに生成しました（全 { $count } ページ、{ $ms } ミリ秒）
serve-shown-first = { $what }：開いているページ { $count } 件を先に表示しました（{ $ms } ミリ秒）。サイトの残りはこの後に更新します
serve-content-errors = { $what }：内容にエラーがあります。{ $kept ->
        [none] 直すとページが表示されます
       *[kept] 前回うまくいったビルドを表示したままにしています
    }
serve-build-failed = { $what }：{ $error }。{ $kept ->
        [none] 直すとページが表示されます
       *[kept] 前回うまくいったビルドを表示したままにしています
    }

## 翻訳（translations/）

translation-missing = 未翻訳
translation-stale = 原文が変更
translations-to-do = 翻訳が必要なところ（{ $counts }）：
translations-more = { "  " }…ほか { $count } 件
translations-full-list = { "  " }（一覧：plansite translations）
translations-none-in-file = { $file }：翻訳する文章がありません
translations-recorded = { $count } か所の翻訳を { $file } に記録しました
translations-none = 翻訳が必要なところはありません
translations-head-state = 状態
translations-head-lang = 言語
translations-head-file = ファイル
translations-head-field = 項目
translations-head-original = 原文
translations-count = 翻訳が必要なところ：{ $count } か所
translations-no-site = content/site.yaml が読めません

## ひな形（scaffold/、output/create.rs）

new-no-site = content/site.yaml が読めません。サイトのフォルダーで実行するか、--root でフォルダーを指定してください（plansite check で原因が分かります）。
new-bad-languages = content/site.yaml の languages を直してください（plansite check で場所が分かります）。
new-bad-slug = { $what ->
        [case] 事例のファイル名
       *[other] ファイル名
    }「{ $slug }」はファイル名に使えません。半角の英小文字 a–z、数字、ハイフン（-）で書いてください（例：kodomo-shokudo）。
new-no-area = { $area_term }「{ $area }」がありません。content/areas/ にあるのは { $known } です。
new-theme-number-taken = 番号 { $number } はテーマ「{ $other }」が使っています。ほかの番号にしてください。
new-next-fill = 1. { $yaml } の「（…）」の部分を、{ $what ->
        [case] 事例
        [area] { $area_term }
       *[other] テーマ
    }の内容に書き換えます。
new-next-body = 2. 本文を書きます：{ $bodies }
new-next-preview = 3. plansite serve でプレビューを確かめます（下書きはプレビューにだけ表示されます）。
new-next-ready = 4. 書き終えたら { $yaml } の `draft: true` の行を消し、plansite check で確かめます。
new-created = 作成しました：
new-next = 次にすること：
new-bad-year = 「{ $year }」は年度になりません。年度の始まる年を西暦4桁（令和7年度なら 2025）か、「令和7年度」のように書いてください。
new-year-exists = { $dir } はすでにあります。何も作成していません。
year-next-open = 1. { $dir } の表を Excel で開きます。{ $from }の取組項目を写してあり、「目標又は予定」には前年度の「次年度の目標又は予定」が入っています。
year-next-fill = 2. 実績・達成状況（◎ ○ △ ×）・次年度の目標又は予定・今後の課題と方針、人口・世帯数・基準日を記入します。
year-next-save = 3. 「名前を付けて保存」で「CSV UTF-8（コンマ区切り）」を選び、content/progress/{ $year }/<ファイル名>.csv に保存します。
year-next-check = 4. plansite serve で確かめます。空欄や読めない評価があれば、場所（ファイル：行：列）が表示されます。
year-next-meta = 5. { $file } を確かめます（サンプルデータなら sample: true）。
init-not-empty = { $dir } は空ではありません。新しいフォルダーか、空のフォルダーを指定してください。
init-created = { $dir } にサイトを作成しました。
init-bad-langs = --lang には言語コードをコンマで区切って書きます（例：--lang ja,en）。
init-lang-twice = --lang に同じ言語が2回あります。
init-no-theme-words = 標準のデザインには「{ $lang }」の言葉がありません（使えるのは ja と en です）。
init-next = { "  " }1. このフォルダーで plansite serve を実行し、http://127.0.0.1:1111/ を開きます。
    { "  " }2. content/ のファイルの「〇〇」や "Example" を、自分たちの計画の言葉に書き換えます。
    { "  " }3. 編集のしかたは README.md にあります。
create-exists = すでにあるファイルは上書きしません。何も作成していません。
create-not-ours = { $path } は plansite が書いたものではありません。そのままにしています（移動してからもう一度実行してください）
serve-port-in-use = { $bind } のポート { $port } はすでに使われています。ほかのプログラム（または別の `plansite serve`）を止めるか、--port { $next } のように別のポートを指定してください
serve-cannot-listen = { $addr } で待ち受けられません：{ $why }
serve-cannot-watch = { $path } の変更を見張れません：{ $why }
template-failed = テンプレート { $template } を読み込めないか、ページを作れませんでした（テンプレートエンジンの原文：{ $detail }）
file-name-not-utf8 = ファイル名に UTF-8 として読めない文字があります。半角の英数字とハイフンで名前を付け直してください
file-name-control = ファイル名に制御文字（改行、タブ、エスケープなど）が含まれています。半角の英数字とハイフンで名前を付け直してください
source-changed = ビルドの途中でこのファイルが変わりました（または読めなくなりました）。もう一度ビルドしてください

not-an-own-page = `{ $folder }` に置けるのは次のページの文だけです：{ $pages }。`{ $name }` はそのどれでもありません
not-an-own-page-hint = ファイル名は `<ページ>.<言語>.md` の形にしてください（例：`accessibility.ja.md`）
own-page-language = ファイル名の `{ $lang }` はサイトの言語ではありません
own-page-language-hint = ファイル名を `{ $name }.<言語>.md` とし、言語は次のどれかにしてください：{ $languages }
not-a-language-tag = `{ $tag }` は BCP 47 の言語タグではありません
language-tag-hint = `ja`、`en`、`zh-Hans` のようなタグを書いてください
bad-fallback = `{ $fallback }` は `{ $lang }` の代わりにできません
bad-fallback-hint = 代わりにできるのはサイトのほかの言語です（{ $languages }）。主言語には代わりの言語を書けません

## コマンドラインのヘルプと引数のエラー（diag/cli.rs、cli.rs）

cli-usage-heading = 使い方：
cli-commands-heading = コマンド：
cli-arguments-heading = 引数：
cli-options-heading = オプション：
cli-command-placeholder = コマンド
cli-options-placeholder = [オプション]
cli-help-flag = ヘルプを表示します
cli-version-flag = バージョンを表示します
cli-default = （省略時：{ $value }）
cli-possible-values = （使える値：{ $values }）
cli-quoted = `{ $text }`
cli-list-separator = 、
cli-tip = { "  " }ヒント：{ $tip }
cli-more-help = 詳しくは `{ $command } --help` で見られます。
cli-tip-did-you-mean = { $what } のことではありませんか
cli-tip-commands = 使えるコマンド：{ $commands }
cli-tip-values = 使える値：{ $values }
cli-tip-as-value = `{ $arg }` を値として渡すには `{ $instead }` と書いてください
cli-tip-remove-dashes = `{ $name }` はコマンドです。使うには前の `--` を消してください
cli-unknown-command = `{ $name }` というコマンドはありません
cli-unknown-argument = `{ $arg }` はこのコマンドには書けません
cli-missing-argument = 必要な引数 { $args } がありません
cli-missing-command = `{ $name }` の後にコマンドを書いてください
cli-value-missing = `{ $arg }` の後に値を書いてください
cli-invalid-value = `{ $value }` は `{ $arg }` の値として使えません
cli-invalid-value-why = `{ $value }` は `{ $arg }` の値として使えません。{ $why }
cli-too-many-values = `{ $arg }` の後の `{ $value }` は余分です（この引数には値を書けないか、これ以上書けません）
cli-wrong-number-of-values = `{ $arg }` の値の数が違います
cli-given-twice = `{ $arg }` は一度しか書けません
cli-conflict = `{ $arg }` と { $other } は一緒に使えません
cli-no-equals = `{ $arg }` の値は `=` でつないで書いてください
cli-invalid-utf8 = 引数に UTF-8 として読めない文字があります
cli-other-error = コマンドラインを読めません（clap の原文：{ $text }）
cli-not-a-lang = ja か en を書いてください
cli-not-a-port = 0 から 65535 までのポート番号を半角数字で書いてください（例：8080）
cli-not-an-ip = IP アドレスを書いてください（例：127.0.0.1、0.0.0.0、::1）
cli-reason-and-hint = { $reason }。{ $hint }
cli-about = 公開する計画を、2か国語で検索できる静的サイトにします
cli-build-about = content/ と themes/ からサイトをビルドし、site/ に書き出します。
cli-check-about = 何も書き出さずにサイトを確かめます：リンク切れや参照の誤り、代替テキストのない画像、未翻訳のページ、どこからもリンクされていないファイルなど。エラーがあれば終了コード 1 で終わります。
cli-serve-about = サイトをプレビューします：ビルドして表示し、変更があるたびにビルドし直してブラウザーを再読み込みします。
cli-new-about = 新しい事例、区域、テーマ、年度のファイルを作ります（すでにあるファイルは上書きしません）。
cli-new-case-about = 区域の事例：content/cases/<slug>.yaml と、言語ごとの本文を作ります。
cli-new-year-about = 進捗データの年度：content/progress/<YYYY>/year.yaml と、前年度の取組項目を写した（実績は空欄の）区域ごとの表を progress-sheets/<YYYY>/ に作ります。
cli-new-area-about = 区域：content/areas/<slug>.yaml と、言語ごとの本文を作ります。
cli-new-theme-about = 取組のテーマ：content/themes/<slug>.yaml と、言語ごとの本文を作ります。
cli-init-about = 空のフォルダーに、最小限の新しいサイトを作ります。
cli-translations-about = 翻訳がない、または古くなった文を一覧にします（--mark で翻訳済みと記録します）。
cli-schema-about = 内容のファイルの JSON スキーマを書き出します。エディター（YAML 拡張機能を入れた VS Code）が入力中に項目を補い、確かめるようになります。
cli-arg-lang = plansite のメッセージの言語（ja か en）。コマンドの前に書きます（例：`plansite --lang en build`）。省略時は PLANSITE_LANG、なければシステムのロケール（LC_ALL、LC_MESSAGES、LANG が `ja` で始まれば日本語）、それもなければ英語です。
cli-arg-root = content/ と themes/ のあるサイトのフォルダー。
cli-arg-root-content = content/ のあるサイトのフォルダー。
cli-arg-schema-root = content/ のあるサイトのフォルダー（その区域とテーマが、使える値になります）。
cli-arg-output = サイトの書き出し先（省略時：ROOT/site）。
cli-arg-base-url = サイトを公開するアドレス（content/site.yaml の指定より優先します）。
cli-arg-timings = ビルドの段階ごとにかかった時間を表示します。
cli-arg-quiet = 警告とエラーだけを表示します（進み具合もまとめも表示しません）。
cli-arg-verbose = 段階ごとにかかった時間と、再利用したものも表示します。
cli-arg-force = plansite が書いたものではない、空でないフォルダーにも書き出します（ほかのファイルは残します）。サイトに同じ名前のファイルがあれば、plansite が書いたものではないファイルも置き換えます。
cli-arg-drafts = 下書き（`draft: true`）も公開します。各ページに下書きであることを示す帯が付きます。
cli-arg-future = 今日より後の日付の事例も公開します（サイトのタイムゾーンで比べます）。
cli-arg-strict = 警告もエラーとして数えます（一つでもあれば終了コード 1）。
cli-arg-external = 外部リンクもすべてネットワークで確かめます（待ち時間 10 秒、ホストごとに毎秒 1 回まで。応答のあったリンクは ROOT/.plansite-cache/links.json に 1 日記録します）。
cli-arg-bind = 待ち受けるアドレス。127.0.0.1 以外にすると、プレビューがネットワークから見えます。
cli-arg-port = 待ち受けるポート番号。
cli-arg-open = プレビューを既定のブラウザーで開きます。
cli-arg-serve-output = うまくいったビルドを、このフォルダーにも書き出します（省略時、プレビューは何も書き出しません）。
cli-arg-allowed-host = このホスト名あての要求にも応えます（ネットワーク上のこのコンピューターの名前や、トンネルの名前など）。何度でも指定できます。ほかの名前あての要求は断ります。
cli-arg-page-memory = 作った各ページと検索索引をメモリーに置く上限（メガバイト。指定がなければ 1024）。超えた分のページはサイトのルートの .plansite-cache/ に置き、プレビューを止めると消します。
cli-arg-area = 事例が属する区域（content/areas/ のファイル名。.yaml は付けません）。
cli-arg-slug = ファイル名：半角の英小文字、数字、ハイフン（-）で書きます。
cli-arg-year = 年度が始まる年の西暦（2025 = 令和7年度）。
cli-arg-number = テーマの番号（ほかのテーマが使っていない番号）。
cli-arg-dir = 新しいサイトのフォルダー（作成します。すでにあるなら空でなければなりません）。
cli-arg-init-lang = サイトの言語。主言語（原文の言語）を最初に書きます。
cli-arg-translations-lang = この言語だけを一覧にします（例：en）。省略時は最初の言語以外のすべてです。
cli-arg-csv = 一覧を CSV（UTF-8、Excel 用）として FILE にも書き出します。
cli-arg-mark = FILE（YAML ファイルか本文。同じ項目のほかのファイルも）の翻訳が原文に合っていると記録します。何度でも指定できます。
cli-arg-mark-all = 今ある翻訳をすべて、原文に合っていると記録します（記録を始めるとき）。
cli-arg-out = スキーマの書き出し先（省略時：ROOT/schemas）。

## システムのエラー（diag/io.rs）

io-not-found = ファイルまたはフォルダーがありません
io-permission-denied = 読み書きする権限がありません
io-already-exists = すでにあります
io-storage-full = ディスクがいっぱいです（または使える容量の上限に達しました）
io-read-only = 読み取り専用のディスクまたはフォルダーです
io-file-too-large = ファイルが大きすぎて、このディスクには置けません
io-too-many-open-files = 同時に開けるファイルの数の上限（システムの設定）に達しました
io-invalid-data = 内容が正しい文字（UTF-8）でないか、壊れています
io-unexpected-eof = ファイルが途中で終わっています（壊れているか、書き込みの途中です）
io-directory-not-empty = フォルダーが空ではありません
io-not-a-directory = パスの途中にフォルダーではなくファイルがあります
io-is-a-directory = ファイルではなくフォルダーです
io-busy = ほかのプログラムが使っています
io-interrupted = 処理が中断されました
io-timed-out = 時間内に応答がありませんでした
io-addr-in-use = このアドレス（ポート）はほかのプログラムが使っています
io-addr-not-available = このコンピューターのアドレスではありません
io-connection = 接続が拒否されたか、切れました
io-network = ネットワークまたは相手のコンピューターにつながりません
io-out-of-memory = メモリーが足りません
io-link-loop = フォルダーの中のリンクが輪になっています
io-other = システムのエラーです（原文：{ $text }）

## プレビュー自身の応答と警告（serve/http.rs、serve/server.rs）

serve-404-heading = ページが見つかりません
serve-404-text = プレビューには、このアドレスのページがありません。
serve-405 = 405：プレビューが応えるのは GET と HEAD の要求だけです（この要求は { $method } です）。
serve-400-hosts = 400：要求に Host ヘッダーが二つ以上あります。
serve-400-no-host = 400：要求にあて先のホスト名（Host ヘッダー）がありません。プレビューは自分あての要求にだけ応えます。
serve-403 = 403：このプレビューは自分あての要求にだけ応えます。この要求のあて先は「{ $host }」でした。その名前でわざとプレビューを開いたのなら、--allowed-host 名前（ポート番号は付けません）を付けてプレビューを起動し直してください。
serve-500 = 500：プレビューがこの要求に応えられませんでした（理由は端末に表示しています）。
serve-503 = 503：プレビューが混み合っています（{ $what }）。プレビューのタブをいくつか閉じるか、少し待ってからもう一度試してください。
serve-busy-streams = 自動再読み込みの接続が多すぎます
serve-busy-connections = 接続が多すぎます
serve-panic = エラー：プレビューが要求に応えられませんでした（{ $what }）。プレビューはこのまま続けます
serve-file-limit = 警告：このプロセスが開けるファイルは { $limit } 個までのため、プレビューが同時に受ける接続は { $fit } 個までです
serve-accept-failed = 警告：プレビューが接続を受けられませんでした：{ $why }
serve-connections-full = 警告：プレビューの接続が上限の { $count } 個に達しました。いくつか閉じられるまで、新しい接続には 503 で応えます
serve-watch-limit = システムが見張れるフォルダーの数の上限に達しました（Linux では fs.inotify.max_user_watches を増やしてください）
page-size-out-of-range = `pagination:` の `{ $field }` には 1 から { $max } までの整数を書いてください（いまは { $value } です）
page-size-hint = 長い一覧の1ページに表示する件数を書きます。例：`pagination: {"{"}{ $field }: { $default }{"}"}`（書かなければ { $default } 件ずつです）
