#!/usr/bin/env python3
"""Makes the XLSX progress files (推進状況) from their CSV counterparts.

Needs openpyxl (`pip install openpyxl`). Run from the repository root:

    python3 docs/tools/make_xlsx.py

Writes
  docs/progress-template.xlsx    header row only, Japanese headings, input lists
  docs/progress-example.xlsx     sheet `chuo`, rows of docs/progress-example.csv
  tests/fixtures/progress-formats/xlsx/progress.xlsx
                                 sheets `north` and `south`, English keys, rows of
                                 tests/fixtures/progress-formats/csv/<sheet>.csv
Numbers (人口, 世帯数, 基本方針) are written as numbers; everything else, dates included, as text.
"""
import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

# (key, 見出し, column width) – the column table of docs/content.md, in its order.
COLUMNS = [
    ("district", "地区部会エリア", 22), ("district_en", "地区部会エリア（英語）", 22),
    ("population", "人口", 10), ("households", "世帯数", 10), ("counted_on", "基準日", 12),
    ("policy", "基本方針", 9), ("priority", "重点取組項目", 9), ("main", "主な取組", 9),
    ("item", "取組項目", 28), ("item_en", "取組項目（英語）", 28), ("themes", "取組みテーマ", 24),
    ("target", "目標又は予定", 40), ("target_en", "目標又は予定（英語）", 40),
    ("result", "実績", 40), ("result_en", "実績（英語）", 40), ("rating", "達成状況", 9),
    ("next_target", "次年度の目標又は予定", 40), ("next_target_en", "次年度の目標又は予定（英語）", 40),
    ("issues", "今後の課題と方針", 40), ("issues_en", "今後の課題と方針（英語）", 40),
]
NUMBERS = {"population", "households", "policy"}
KEY_OF = {ja: key for key, ja, _ in COLUMNS}
LAST_ROW = 1000  # input lists cover rows 2..LAST_ROW


def read_csv(path):
    """Rows of a CSV file (BOM allowed, Japanese or English headers) as dicts keyed by key."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        header, *rows = list(csv.reader(f))
    keys = [KEY_OF.get(h, h) for h in header]
    return [dict(zip(keys, row)) for row in rows]


def add_sheet(wb, title, rows, japanese):
    ws = wb.create_sheet(title)
    ws.append([ja if japanese else key for key, ja, _ in COLUMNS])
    for row in rows:
        values = []
        for key, _, _ in COLUMNS:
            value = row.get(key, "")
            values.append(None if value == "" else int(value) if key in NUMBERS else value)
        ws.append(values)
    for i, (key, _, width) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = width
        ws.cell(1, i).font = Font(bold=True)
        ws.cell(1, i).alignment = Alignment(wrap_text=True, vertical="top")
        if key == "counted_on":  # text format, so that a typed 2025-03-31 stays text
            ws.column_dimensions[letter].number_format = "@"
            for r in range(2, ws.max_row + 1):
                ws.cell(r, i).number_format = "@"
    ws.freeze_panes = "A2"
    if japanese:  # input lists for editors (not on the test fixture)
        lists = {"rating": '"◎,○,△,×"', "priority": '"○"', "main": '"○"'}
        for i, (key, _, _) in enumerate(COLUMNS, start=1):
            if key in lists:
                dv = DataValidation(type="list", formula1=lists[key], allow_blank=True)
                dv.error = "◎ ○ △ × のいずれかを選んでください。" if key == "rating" else "○ を選ぶか、空欄にしてください。"
                dv.errorTitle = "入力できない値です"
                dv.add(f"{get_column_letter(i)}2:{get_column_letter(i)}{LAST_ROW}")
                ws.add_data_validation(dv)
    return ws


def save(path, sheets, japanese):
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        add_sheet(wb, title, rows, japanese)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    print("wrote", path)


if __name__ == "__main__":
    fixtures = Path("tests/fixtures/progress-formats")
    save("docs/progress-template.xlsx", [("area-slug", [])], japanese=True)
    save("docs/progress-example.xlsx", [("chuo", read_csv("docs/progress-example.csv"))], japanese=True)
    save(fixtures / "xlsx/progress.xlsx",
         [(name, read_csv(fixtures / f"csv/{name}.csv")) for name in ("north", "south")], japanese=False)
