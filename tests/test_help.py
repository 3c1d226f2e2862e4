""" "怎么申请补贴、到哪里办理" has ways in: the home page, measures whose text promises residents
something (marked in the data), implementing documents; and the help page names, for each field,
its lead department, how to reach it, what its measures offer and the rules issued for them. A
measure page also offers the 督查 address, once one is set, with the measure filled in."""

import dataclasses
import html
import re
import urllib.parse

import pytest
import yaml

from plansite import build
from plansite.data.read import read_plan
from plansite.problems import DataError
from plansite.site import catalog, config
from tests.conftest import ROOT
from tests.golden_pages import SITE

SAMPLE = ROOT / "tests" / "fixtures" / "sample" / "curated.yaml"
HELP_LINK = "[怎么申请补贴、到哪里办理]("


def sample_with(**changes) -> dict:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    measures = {m["id"]: m for m in data["measures"]}
    for measure_id, offers in changes.items():
        measures[measure_id]["offers"] = offers
    return data


def pages(data: dict) -> dict[str, str]:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return build.site_files(catalog.build(read_plan(SAMPLE, "curated.yaml", text=text)), SITE)


def test_a_measure_that_promises_residents_something_points_to_help_and_others_do_not():
    files = pages(sample_with(m01=["补贴", "便民服务"]))
    assert "本项措施涉及居民可以享受的补贴、便民服务" in files["measures/m01.md"]
    assert HELP_LINK + "../help/index.md)" in files["measures/m01.md"]
    assert HELP_LINK not in files["measures/m03.md"]


def test_the_home_page_and_every_implementing_document_lead_to_help():
    files = pages(sample_with())
    assert "(help/index.md)" in files["index.md"] and "怎么申请补贴、到哪里办理" in files["index.md"]
    documents = files["documents/index.md"]
    implementing = documents[documents.index("示例市工业设备更新项目申报指南") :].split("</li>")[0]
    assert HELP_LINK in implementing
    amendment = documents[documents.index("关于调整设备更新金融支持措施的通知") :].split("</li>")[0]
    assert HELP_LINK not in amendment


def test_help_names_each_fields_lead_how_to_reach_it_and_the_rules_recorded_for_it():
    data = sample_with(m01=["补贴"])
    data["working_groups"] = {
        "stated_in": "m04",
        "groups": [{"id": "industry", "name": "工业", "lead": "industry-it", "chapters": ["industry"]}],
    }
    data["measures"][3]["text"] = "成立工作专班，下设工业专项工作组，由市工信局牵头。"
    data["departments"][0].update(website="https://gxj.example.gov.cn/", phone="0355-2021234")
    page = pages(data)["help/index.md"]
    field = page[page.index('id="field-industry"') :].split("</li>")[0]
    assert "工业专项工作组" in field and "[市工信局](../departments/industry-it.md)" in field
    assert '<a href="https://gxj.example.gov.cn/" rel="external noopener">市工信局网站</a>' in field
    assert '<a href="tel:0355-2021234">0355-2021234</a>' in field
    assert "（一）更新落后设备（补贴）" in field and "示例市工业设备更新项目申报指南" in field


def test_a_department_without_contacts_says_where_to_look():
    files = pages(sample_with())
    assert (
        "网站和电话本站尚未收录：请在示例市人民政府门户网站的部门栏目查找，或拨打12345"
        in files["departments/finance.md"]
    )


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("phone", "０３５５-２０２１２３４", "里有全角数字：改成半角，写成 0355-2021234"),
        ("phone", "0355 2021234", "不是电话号码"),
        ("phone", "电话12345", "不是电话号码"),
        ("website", "gxj.example.gov.cn", "不是网址"),
        ("website", "javascript:alert(1)", "不是网址"),
    ],
)
def test_a_departments_contacts_are_checked(field, value, words):
    data = sample_with()
    data["departments"][0][field] = value
    with pytest.raises(DataError) as error:
        pages(data)
    assert (
        f"单位 industry-it 的{ {'phone': '电话', 'website': '网站'}[field] }（{field}）" in error.value.report()
        and words in error.value.report()
    )


@pytest.mark.parametrize("phone", ["12345", "0355-2021234", "400-123-4567", "95598"])
def test_a_service_number_may_be_short_or_have_an_area_code(phone):
    data = sample_with()
    data["departments"][0]["phone"] = phone
    assert f'<a href="tel:{phone}">{phone}</a>' in pages(data)["departments/industry-it.md"]


def test_what_a_measure_offers_is_one_of_three_kinds():
    with pytest.raises(DataError) as error:
        pages(sample_with(m01=["优惠券"]))
    assert "写 补贴、购买优惠 或 便民服务" in error.value.report()


def measure_page(site) -> str:
    plan = read_plan(SAMPLE, "curated.yaml")
    return build.site_files(catalog.build(plan), site)["measures/m01.md"]


def test_a_measure_page_offers_the_supervision_address_filled_in_only_once_one_is_set():
    assert "督查" not in measure_page(SITE)
    mail = dataclasses.replace(SITE, supervision_url="mailto:duban@example.gov.cn")
    link = re.search(r'<a href="(mailto:[^"]+)" rel="noopener">向督查部门反映</a>', measure_page(mail))
    assert link
    address = urllib.parse.urlsplit(html.unescape(link[1]))
    query = urllib.parse.parse_qs(address.query)
    assert address.path == "duban@example.gov.cn"
    assert query["subject"] == ["督查：示例市推动设备更新工作方案第（一）项“更新落后设备”"]
    assert query["body"] == ["https://plan.example/measures/m01/"]
    form = dataclasses.replace(SITE, supervision_url="https://duban.example.gov.cn/form?from=plan")
    found = re.search(r'<a href="([^"]+)" rel="noopener">向督查部门反映</a>', measure_page(form))
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(html.unescape(found[1])).query)
    assert query["from"] == ["plan"] and query["url"] == ["https://plan.example/measures/m01/"]


@pytest.mark.parametrize("value", ["javascript:alert(1)", "duban@example.gov.cn", "www.example.gov.cn"])
def test_a_supervision_address_that_is_no_address_is_refused_in_chinese(tmp_path, value):
    mkdocs_yml = tmp_path / "mkdocs.yml"
    mkdocs_yml.write_text(yaml.safe_dump({"extra": {"site_info": {"supervision_url": value}}}), encoding="utf-8")
    with pytest.raises(config.SettingError) as error:
        config.read_site_config(mkdocs_yml, "data/measures.yaml")
    assert "supervision_url" in str(error.value) and "留空时页面不显示督查链接" in str(error.value)
