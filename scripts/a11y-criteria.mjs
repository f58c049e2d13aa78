// The success criteria of WCAG 2.1 at Level A and AA (JIS X 8341-3:2016 is WCAG 2.0, whose 38
// criteria are all here; WCAG 2.1 adds 12). Japanese names as in the WAIC translation of WCAG
// 2.1 (ウェブアクセシビリティ基盤委員会「WCAG 2.1 解説書」). `media: true` marks the criteria
// that apply only to pages with audio or video, which scripts/a11y-report.mjs marks 非適用
// when no tested page has any.
export const CRITERIA = [
  ['1.1.1', 'A', '非テキストコンテンツ', 'Non-text Content'],
  ['1.2.1', 'A', '音声のみ及び映像のみ（収録済み）', 'Audio-only and Video-only (Prerecorded)', true],
  ['1.2.2', 'A', 'キャプション（収録済み）', 'Captions (Prerecorded)', true],
  ['1.2.3', 'A', '音声解説、又はメディアに対する代替（収録済み）', 'Audio Description or Media Alternative (Prerecorded)', true],
  ['1.2.4', 'AA', 'キャプション（ライブ）', 'Captions (Live)', true],
  ['1.2.5', 'AA', '音声解説（収録済み）', 'Audio Description (Prerecorded)', true],
  ['1.3.1', 'A', '情報及び関係性', 'Info and Relationships'],
  ['1.3.2', 'A', '意味のあるシーケンス', 'Meaningful Sequence'],
  ['1.3.3', 'A', '感覚的な特徴', 'Sensory Characteristics'],
  ['1.3.4', 'AA', '表示の向き', 'Orientation'],
  ['1.3.5', 'AA', '入力目的の特定', 'Identify Input Purpose'],
  ['1.4.1', 'A', '色の使用', 'Use of Color'],
  ['1.4.2', 'A', '音声の制御', 'Audio Control', true],
  ['1.4.3', 'AA', 'コントラスト（最低限）', 'Contrast (Minimum)'],
  ['1.4.4', 'AA', 'テキストのサイズ変更', 'Resize Text'],
  ['1.4.5', 'AA', '文字画像', 'Images of Text'],
  ['1.4.10', 'AA', 'リフロー', 'Reflow'],
  ['1.4.11', 'AA', '非テキストのコントラスト', 'Non-text Contrast'],
  ['1.4.12', 'AA', 'テキストの間隔', 'Text Spacing'],
  ['1.4.13', 'AA', 'ホバー又はフォーカスで表示されるコンテンツ', 'Content on Hover or Focus'],
  ['2.1.1', 'A', 'キーボード', 'Keyboard'],
  ['2.1.2', 'A', 'キーボードトラップなし', 'No Keyboard Trap'],
  ['2.1.4', 'A', '文字キーのショートカット', 'Character Key Shortcuts'],
  ['2.2.1', 'A', 'タイミング調整可能', 'Timing Adjustable'],
  ['2.2.2', 'A', '一時停止、停止、非表示', 'Pause, Stop, Hide'],
  ['2.3.1', 'A', '3回の閃光、又は閾値以下', 'Three Flashes or Below Threshold'],
  ['2.4.1', 'A', 'ブロックスキップ', 'Bypass Blocks'],
  ['2.4.2', 'A', 'ページタイトル', 'Page Titled'],
  ['2.4.3', 'A', 'フォーカス順序', 'Focus Order'],
  ['2.4.4', 'A', 'リンクの目的（コンテキスト内）', 'Link Purpose (In Context)'],
  ['2.4.5', 'AA', '複数の手段', 'Multiple Ways'],
  ['2.4.6', 'AA', '見出し及びラベル', 'Headings and Labels'],
  ['2.4.7', 'AA', 'フォーカスの可視化', 'Focus Visible'],
  ['2.5.1', 'A', 'ポインタのジェスチャ', 'Pointer Gestures'],
  ['2.5.2', 'A', 'ポインタのキャンセル', 'Pointer Cancellation'],
  ['2.5.3', 'A', 'ラベルを含む名前', 'Label in Name'],
  ['2.5.4', 'A', '動きによる起動', 'Motion Actuation'],
  ['3.1.1', 'A', 'ページの言語', 'Language of Page'],
  ['3.1.2', 'AA', '一部分の言語', 'Language of Parts'],
  ['3.2.1', 'A', 'フォーカス時', 'On Focus'],
  ['3.2.2', 'A', '入力時', 'On Input'],
  ['3.2.3', 'AA', '一貫したナビゲーション', 'Consistent Navigation'],
  ['3.2.4', 'AA', '一貫した識別性', 'Consistent Identification'],
  ['3.3.1', 'A', 'エラーの特定', 'Error Identification'],
  ['3.3.2', 'A', 'ラベル又は説明', 'Labels or Instructions'],
  ['3.3.3', 'AA', 'エラー修正の提案', 'Error Suggestion'],
  ['3.3.4', 'AA', 'エラー回避（法的、金融、データ）', 'Error Prevention (Legal, Financial, Data)'],
  ['4.1.1', 'A', '構文解析', 'Parsing'],
  ['4.1.2', 'A', '名前 (name)・役割 (role) 及び値 (value)', 'Name, Role, Value'],
  ['4.1.3', 'AA', 'ステータスメッセージ', 'Status Messages'],
].map(([id, level, ja, en, media]) => ({ id, level, name: { ja, en }, media: !!media }));

// The criterion an axe-core tag names: `wcag111` → 1.1.1, `wcag1410` → 1.4.10; level tags
// (`wcag2a`, `wcag21aa`) and others name none.
export function criterionOfTag(tag) {
  const m = /^wcag(\d)(\d)(\d+)$/.exec(tag);
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}
