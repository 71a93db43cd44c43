"""The Data page's upload in a real browser: a small export of new factories goes through the
file picker and is checked (a dry run, so the shared server's data stay as they are), the
summary shows, and the data-quality figures and the list of factories without coordinates are
there. Screenshot: tests/artifacts/data-upload.png."""
from __future__ import annotations

from playwright.sync_api import Page, expect

from tests import ingest_files as files
from tests.browser.helpers import open_app, screenshot, wait_for_app_run


def test_a_checked_upload_shows_its_summary(page: Page, app_server: str, tmp_path):
    path = files.registry(tmp_path, "new_factories.csv", [
        ("20990100000001", "โรงงานใหม่ ก", "ชลบุรี", "1", 10, "เมืองชลบุรี"),
        ("20990100000002", "โรงงานใหม่ ข", "Atlantis", "1", 20, ""),
    ])
    open_app(page, app_server, "/")  # a deep link is only served as such once the app has run
    open_app(page, app_server, "/data")
    page.get_by_text("ตรวจสอบอย่างเดียว ไม่บันทึก").click()
    wait_for_app_run(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    wait_for_app_run(page)
    page.get_by_role("button", name="ตรวจสอบ", exact=True).click()
    wait_for_app_run(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("ตรวจสอบ new_factories.csv เสร็จแล้ว ยังไม่ได้บันทึกข้อมูล")).to_be_visible()
    expect(main.get_by_test_id("stMetric").filter(has_text="ปฏิเสธ").first).to_contain_text("1")
    expect(main.get_by_text("ดาวน์โหลด CSV").first).to_be_visible()
    expect(main.get_by_text("มีพิกัดใช้งานได้")).to_be_visible()
    expect(main.get_by_text("โรงงานที่ไม่มีพิกัด", exact=False).first).to_be_visible()
    screenshot(page, "data-upload")


def test_the_uploader_speaks_the_users_language(page: Page, app_server: str):
    open_app(page, app_server, "/")
    open_app(page, app_server, "/data")
    dropzone = page.get_by_test_id("stFileUploaderDropzone")
    button = dropzone.get_by_test_id("stBaseButton-secondary")
    assert button.evaluate("b => getComputedStyle(b, '::after').content") == '"เลือกไฟล์"'
    expect(button).to_be_visible()
    for english in ("Upload", "Drag and drop", "per file"):  # Streamlit's own words, hidden
        assert english not in dropzone.evaluate("d => d.innerText"), english
    expect(page.get_by_test_id("stMain").get_by_text("ไฟล์ละไม่เกิน 200 MB", exact=False)).to_be_visible()
    accepted = page.get_by_test_id("stFileUploaderDropzoneInput").get_attribute("accept").split(",")
    assert [kind for kind in accepted if kind.startswith(".")] == [".csv", ".txt", ".tsv", ".xlsx"]  # no .xls
