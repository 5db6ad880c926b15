"""Agreement and segmentation metrics against hand-computed and published values."""

from __future__ import annotations

import pandas as pd
import pytest
from nltk.metrics import segmentation as nltk_seg

import toolkit
from toolkit.validation import (NONE, agreement, classification_report, coding_sheet, cohen_kappa,
                                confusion_matrix, krippendorff_alpha, percent_agreement, pk, read_coding,
                                windowdiff)

from conftest import INTERVIEW

# Ten units, two coders (worked by hand in the comments).
A = list("aaaaabbbbb")
B = list("aaaabbbbba")


def test_percent_agreement_and_kappa_by_hand():
    # agree on 8 of 10: p_o = 0.8; each coder uses a and b five times: p_e = .5*.5 + .5*.5 = .5
    assert percent_agreement(A, B) == pytest.approx(0.8)
    assert cohen_kappa(A, B) == pytest.approx((0.8 - 0.5) / (1 - 0.5))  # 0.6


def test_alpha_two_coders_by_hand():
    # 20 values, n_a = n_b = 10; two disagreeing units give o_ab = o_ba = 2
    # D_o = 4/20 = 0.2; D_e = (10*10 + 10*10) / (20*19) = 0.526316; alpha = 1 - 0.2/0.526316 = 0.62
    assert krippendorff_alpha([A, B]) == pytest.approx(0.62)


def test_alpha_published_example_with_missing_values():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", nominal example: 4 coders,
    # 12 units, missing values; published alpha = 0.743.
    n = None
    coders = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    assert krippendorff_alpha(coders) == pytest.approx(0.743, abs=5e-4)


def test_empty_code_is_the_none_category_and_perfect_agreement():
    assert cohen_kappa(["", "x", ""], ["", "x", ""]) == 1.0
    assert krippendorff_alpha([["", "x", ""], ["", "x", ""]]) == 1.0
    assert percent_agreement(["", "x"], [None, "y"]) == 0.5


def test_agreement_joins_dataframes_on_ids():
    a = pd.DataFrame({"doc_id": "d", "sentence_id": range(1, 11), "primary": A})
    b = pd.DataFrame({"doc_id": "d", "sentence_id": list(range(10, 0, -1)), "primary": B[::-1]})
    row = agreement(a, b).iloc[0]
    assert row["n_units"] == 10 and row["cohen_kappa"] == pytest.approx(0.6)
    assert row["krippendorff_alpha"] == pytest.approx(0.62)


def test_classification_report_single_and_multilabel_by_hand():
    gold = ["a", "a", "b", "", "b"]
    pred = ["a", "b", "b", "b", ""]
    rep = classification_report(gold, pred).set_index("category")
    # a: tp 1, predicted 1, support 2 -> P 1, R .5, F1 2/3 ; b: tp 1, predicted 3, support 2 -> P 1/3, R 1/2, F1 .4
    assert rep.loc["a", ["precision", "recall"]].tolist() == [1.0, 0.5]
    assert rep.loc["a", "f1"] == pytest.approx(2 / 3)
    assert rep.loc["b", "f1"] == pytest.approx(0.4)
    assert rep.loc["macro", "f1"] == pytest.approx((2 / 3 + 0.4) / 2)
    multi = classification_report(["a|b", "b", ""], ["a", "a|b", "b"], column="topics").set_index("category")
    # a: gold {1}, pred {1,2} -> P .5 R 1 ; b: gold {1,2}, pred {2,3} -> P .5 R .5
    assert multi.loc["a", ["precision", "recall", "support", "predicted"]].tolist() == [0.5, 1.0, 1, 2]
    assert multi.loc["b", ["precision", "recall"]].tolist() == [0.5, 0.5]


def test_confusion_matrix_counts():
    m = confusion_matrix(["a", "a", "b", ""], ["a", "b", "b", "b"])
    assert list(m.index) == ["a", "b", NONE] and list(m.columns) == ["a", "b", NONE]
    assert m.loc["a", "a"] == 1 and m.loc["a", "b"] == 1 and m.loc[NONE, "b"] == 1 and m.to_numpy().sum() == 4


@pytest.mark.parametrize("ref,hyp,k,pk_value,wd_value", [
    # boundaries ref after units {2,5}, hyp after {1,6}; 8 windows, 4 disagree for both measures
    ([1, 1, 1, 2, 2, 2, 3, 3, 3, 3], [1, 1, 2, 2, 2, 2, 2, 3, 3, 3], 2, 4 / 8, 4 / 8),
    # ref boundaries {0,1}, hyp {0}: window 0 has 2 vs 1 boundaries (P_k agrees, WindowDiff does not)
    ([1, 2, 3, 3, 3, 3], [1, 2, 2, 2, 2, 2], 2, 1 / 4, 2 / 4),
    (list("aabbcc"), list("aabbcc"), 2, 0.0, 0.0),
])
def test_pk_and_windowdiff_by_hand(ref, hyp, k, pk_value, wd_value):
    assert pk(ref, hyp, k=k) == pytest.approx(pk_value)
    assert windowdiff(ref, hyp, k=k) == pytest.approx(wd_value)


def test_pk_and_windowdiff_equal_nltk_on_boundary_strings_of_length_n_minus_1():
    ref = [1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5]
    hyp = [1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 4, 5, 5, 5, 5]

    def bstring(seg):
        return "".join("1" if a != b else "0" for a, b in zip(seg, seg[1:]))

    for k in (1, 2, 3, 4):
        assert pk(ref, hyp, k=k) == pytest.approx(nltk_seg.pk(bstring(ref), bstring(hyp), k=k))
        assert windowdiff(ref, hyp, k=k) == pytest.approx(nltk_seg.windowdiff(bstring(ref), bstring(hyp), k))


def test_default_k_is_half_the_mean_reference_segment():
    ref = [1] * 4 + [2] * 4 + [3] * 4  # mean segment 4 -> k = 2
    hyp = [1] * 6 + [2] * 6
    assert pk(ref, hyp) == pk(ref, hyp, k=2)
    with pytest.raises(ValueError, match="window k must be between 1"):
        pk(ref, hyp, k=12)


def test_coding_sheet_round_trip(tmp_path):
    t = toolkit.read_transcript(INTERVIEW)
    path = tmp_path / "sheet.csv"
    sheet = coding_sheet(t.sentences, path=path)
    assert len(sheet) == 70 and sheet["topics"].eq("").all()
    assert list(sheet.columns) == ["doc_id", "sentence_id", "start", "end", "speaker", "role", "text",
                                   "topics", "primary"]
    coded = pd.read_csv(path, keep_default_na=False)
    coded.loc[0, ["topics", "primary"]] = ["Cooperation | Trade", "cooperation"]
    coded.to_csv(path, index=False)
    back = read_coding(path, categories=["terrorism", "trade", "tourism", "cooperation"])
    assert back.loc[0, "topics"] == "cooperation|trade" and back.loc[1, "primary"] == ""
    coded.loc[3, "primary"] = "economy"
    coded.to_csv(path, index=False)
    with pytest.raises(toolkit.TranscriptError, match=r"sheet\.csv: line 5, column 'primary': unknown code"):
        read_coding(path, categories=["terrorism", "trade", "tourism", "cooperation"])


def test_paragraph_sheet_quotes_the_document():
    t = toolkit.read_transcript(INTERVIEW)
    sheet = coding_sheet(t.sentences, unit="paragraph", text=t.text)
    assert len(sheet) == 19
    assert all(t.text[s:e] == x for s, e, x in zip(sheet["start"], sheet["end"], sheet["text"]))
    with pytest.raises(ValueError, match="The `unit` parameter of coding_sheet\\(\\) must be one of"):
        coding_sheet(t.sentences, unit="page")


def test_comparing_a_sheet_with_the_toolkits_topic_column():
    sheet = pd.DataFrame({"doc_id": "d", "sentence_id": [1, 2], "primary": ["trade", ""]})
    coded = pd.DataFrame({"doc_id": "d", "sentence_id": [1, 2], "topic": ["trade", "trade"]})
    with pytest.raises(ValueError, match="pass column_b='topic'"):
        agreement(sheet, coded)
    assert agreement(sheet, coded, column_b="topic").iloc[0]["percent_agreement"] == 0.5
    with pytest.raises(ValueError, match="one label per unit"):
        pk(coded, coded)


def test_confusion_matrix_categories_name_no_category_either_way():
    from toolkit.errors import ToolkitError
    from toolkit.validation import confusion_matrix
    m = confusion_matrix(["a", "", "b"], ["a", "a", ""], categories=["a", "b", ""])
    assert list(m.index) == ["a", "b", "(none)"] and m.loc["(none)", "a"] == 1 and m.loc["b", "(none)"] == 1
    with pytest.raises(ToolkitError, match=r"does not list; add them"):
        confusion_matrix(["a", "", "b"], ["a", "a", ""], categories=["a", "b"])


def test_read_coding_from_excel_in_other_locales(tmp_path):
    """A sheet that Excel saved with semicolons (locales with a decimal comma) or in Windows-1252 is read;
    a wrong encoding gets a hint, not a traceback."""
    t = toolkit.read_transcript(INTERVIEW)
    sheet = coding_sheet(t.sentences).head(5)
    sheet.loc[0, ["topics", "primary"]] = ["Trade", "trade"]
    semi = tmp_path / "semi.csv"
    sheet.to_csv(semi, index=False, sep=";")
    back = read_coding(semi, categories=["trade"])
    assert back.loc[0, "primary"] == "trade" and len(back) == 5 and back.loc[0, "text"] == sheet.loc[0, "text"]
    sheet.loc[1, "speaker"] = "Hélène Marchetti"
    cp = tmp_path / "cp1252.csv"
    sheet.to_csv(cp, index=False, encoding="cp1252")
    with pytest.raises(toolkit.TranscriptError, match=r"cp1252\.csv: cannot be read as UTF-8 text.*encoding=\"cp1252\""):
        read_coding(cp)
    assert read_coding(cp, encoding="cp1252").loc[1, "speaker"] == "Hélène Marchetti"
    with pytest.raises(toolkit.ToolkitValueError, match="unknown encoding 'latin-9x'"):
        read_coding(cp, encoding="latin-9x")
    utf8 = tmp_path / "utf8.csv"
    sheet.to_csv(utf8, index=False, sep=";")
    with pytest.warns(toolkit.ToolkitWarning, match="valid UTF-8 but is read as 'cp1252'"):
        assert read_coding(utf8, encoding="cp1252").loc[1, "speaker"] == "HÃ©lÃ¨ne Marchetti"


def test_a_paragraph_that_opens_with_a_stage_note_is_its_speakers():
    """A paragraph's (and a turn's) speaker and role on a coding sheet are those of its first spoken sentence:
    "(laughs) So, tariffs?" is the host's paragraph, not a narrator's; a paragraph with no speech keeps its
    narrator row."""
    t = toolkit.read_transcript("Priya Castellano: Welcome.\n\n(laughs) So, tariffs?\n\n(Laughter.)\n\n"
                                "Martin Oyelaran: Yes.\n")
    sheet = coding_sheet(t.sentences, unit="paragraph", text=t.text)
    assert list(zip(sheet["speaker"], sheet["role"], sheet["text"])) == [
        ("Priya Castellano", t.speakers["role"].iloc[0], "Welcome."),
        ("Priya Castellano", t.speakers["role"].iloc[0], "(laughs) So, tariffs?"),
        ("", "narrator", "(Laughter.)"), ("Martin Oyelaran", t.speakers["role"].iloc[1], "Yes.")]
    turns = coding_sheet(t.sentences, unit="turn")
    assert turns["speaker"].tolist()[:1] == ["Priya Castellano"]


def test_a_coding_sheet_named_as_a_spreadsheet_is_refused(tmp_path):
    """coding_sheet() writes CSV: a .xlsx (or .tsv) name is refused, naming the file, and nothing is written."""
    t = toolkit.read_transcript("A: Hello. Fine.\n")
    for name in ("sheet.xlsx", "sheet.TSV"):
        with pytest.raises(toolkit.ToolkitValueError, match=rf"{name}.*name the file \.csv"):
            coding_sheet(t.sentences, path=tmp_path / name)
        assert not (tmp_path / name).exists()
    assert (coding_sheet(t.sentences, path=tmp_path / "sheet.csv")["text"] == ["Hello.", "Fine."]).all()
