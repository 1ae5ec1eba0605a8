"""The council's own look: the coordinator sets its name as shown, logo, colour, contact line
and Word template on one page; they appear on its public pages and on its PDF and Word
documents, read back here (pypdf, python-docx). Bad input is refused with a message and
changes nothing."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.shared import Pt
from PIL import Image
from pypdf import PdfReader

from samverkan.core.documents import WORD_DOCUMENT_TYPE, WORD_TEMPLATE_TYPE
from samverkan.core.models import AuditEvent
from samverkan.demo.loader import seed_text
from samverkan.meetings.services.minutes_import import minutes_import
from samverkan.organisations import look
from samverkan.organisations.models import Council, CouncilLookFile

SHOWN_NAME = "Trygg i Köping"
CONTACT = "Köpings kommun, 731 85 Köping, 0221-250 00, koping.se"
TEMPLATE_FONT = "Garamond"


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _png(width: int = 120, height: int = 40) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (26, 82, 118)).save(out, format="PNG")
    return out.getvalue()


def _dotx() -> bytes:
    """A Word template (.dotx) whose first heading is set in Garamond, 20 pt."""
    doc = Document()
    doc.styles["Heading 1"].font.name = TEMPLATE_FONT
    doc.styles["Heading 1"].font.size = Pt(20)
    doc.add_paragraph("Mallens egen text, som inte ska synas.")
    out = io.BytesIO()
    doc.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    template = io.BytesIO()
    with zipfile.ZipFile(template, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "[Content_Types].xml":
                content = content.replace(WORD_DOCUMENT_TYPE.encode(), WORD_TEMPLATE_TYPE.encode())
            target.writestr(member, content)
    return template.getvalue()


def _post(client, council: Council, **fields):
    data = {"display_name": "", "colour": "", "contact_line": "", **fields}
    return client.post(reverse("organisations:council_look", args=[council.slug]), data)


def _set_look(client, council: Council):
    return _post(
        client,
        council,
        display_name=SHOWN_NAME,
        colour="#1A5276",
        contact_line=CONTACT,
        logo=SimpleUploadedFile("logo.png", _png(), content_type="image/png"),
        template=SimpleUploadedFile("mall.dotx", _dotx()),
    )


def test_the_coordinator_sets_the_look_and_it_is_audited(coordinator_client, council):
    # when
    response = _set_look(coordinator_client, council)
    # then
    assert response.status_code == 302
    council.refresh_from_db()
    assert council.display_name == SHOWN_NAME
    assert council.colour == "#1a5276"
    assert council.contact_line == CONTACT
    assert council.logo_type == "image/png"
    assert council.template_name == "mall.dotx"
    assert CouncilLookFile.objects.filter(council=council).count() == 2
    event = AuditEvent.objects.filter(model="organisations.Council", action="update").latest("id")
    assert event.changes["colour"] == ["", "#1a5276"]
    assert event.changes["template_name"] == ["", "mall.dotx"]
    page = coordinator_client.get(response.url).content.decode()
    assert "mall.dotx" in page
    assert "The council&#x27;s look was saved." in page or "look was saved" in page


def test_a_colour_too_light_for_white_text_is_refused_and_nothing_changes(
    coordinator_client, council
):
    # when
    response = _post(coordinator_client, council, display_name=SHOWN_NAME, colour="#ffcc00")
    # then
    assert response.status_code == 400
    page = response.content.decode()
    assert "White text on #ffcc00 has a contrast of 1.5:1; WCAG AA needs at least 4.5:1" in page
    assert 'value="#ffcc00"' in page  # the form keeps what was typed
    assert f'value="{SHOWN_NAME}"' in page
    council.refresh_from_db()
    assert council.colour == ""
    assert council.display_name == ""


def test_the_refusal_reads_in_swedish_in_the_swedish_locale(client, users, council):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    client.force_login(users["coordinator"])
    page = _post(client, council, colour="#ffcc00").content.decode()
    assert "Vit text på #ffcc00 har kontrasten 1.5:1" in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.gif", b"GIF89a\x01\x00\x01\x00", "The logo must be a PNG or an SVG file."),
        ("logo.png", b"\x89PNG\r\n\x1a\nnot a picture", "could not be read as a picture"),
        (
            "logo.svg",
            b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "holds a DTD or entities",
        ),
        ("mall.doc", b"not a zip", "must be a .docx or .dotx file"),
        ("mall.docx", b"PK not really", "could not be opened as a Word file"),
    ],
)
def test_a_bad_logo_or_template_is_refused_with_a_message(
    coordinator_client, council, name, data, message
):
    field = "template" if name.startswith("mall") else "logo"
    response = _post(
        coordinator_client, council, contact_line=CONTACT, **{field: SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    council.refresh_from_db()
    assert council.contact_line == ""
    assert not CouncilLookFile.objects.exists()


def test_a_logo_with_too_many_pixels_is_refused(coordinator_client, council, settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1000
    logo = SimpleUploadedFile("logo.png", _png(100, 40))
    response = _post(coordinator_client, council, logo=logo)
    assert "The logo has too many pixels." in response.content.decode()
    assert not CouncilLookFile.objects.exists()


def test_an_svg_logo_is_cleaned_of_scripts_events_and_outside_references():
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="200" height="60" onload="alert(1)">'
        "<script>alert(2)</script>"
        '<foreignObject width="10" height="10"><div>html</div></foreignObject>'
        '<image href="https://tracker.example/pixel.png" width="1" height="1"/>'
        '<rect width="10" height="10" fill="url(#shade)" style="fill: url(https://x.example/a)"/>'
        '<a xlink:href="https://x.example/"><text x="0" y="40" onclick="steal()">Köping</text></a>'
        '<path d="M0 0h10" filter="url(https://x.example/f.svg#f)"/>'
        "</svg>"
    ).encode()
    cleaned = look.checked_logo(svg, "logo.svg")
    text = cleaned.data.decode()
    assert cleaned.content_type == "image/svg+xml"
    for gone in ("script", "alert", "foreignObject", "tracker.example", "x.example", "onclick"):
        assert gone not in text, gone
    assert "Köping" in text
    assert 'fill="url(#shade)"' in text  # a reference inside the file stays
    assert text.startswith("<svg ")
    assert 'xmlns="http://www.w3.org/2000/svg"' in text


def test_a_secretary_may_not_set_the_look(client, users, council):
    client.force_login(users["secretary"])
    response = _post(client, council, colour="#1a5276")
    assert response.status_code == 403
    council.refresh_from_db()
    assert council.colour == ""


def test_the_public_pages_show_the_logo_name_and_colour(coordinator_client, client, council):
    _set_look(coordinator_client, council)
    coordinator_client.logout()
    # when
    page = client.get(reverse("meetings:notice_board", args=[council.slug])).content.decode()
    # then
    council.refresh_from_db()
    css_url = reverse("organisations:public_look_css", args=[council.slug])
    logo_url = reverse("organisations:public_logo", args=[council.slug])
    assert f'<link rel="stylesheet" href="{css_url}?v=1a5276">' in page
    assert f'src="{logo_url}?v={council.logo_checksum[:12]}"' in page
    assert SHOWN_NAME in page
    assert "council-coloured" in page
    css = client.get(css_url)
    assert css["Content-Type"].startswith("text/css")
    assert "--council-colour: #1a5276" in css.content.decode()
    logo = client.get(logo_url)
    assert logo["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(logo.content)).size == (120, 40)


def test_a_council_without_a_look_shows_its_name_and_no_stylesheet(client, council):
    page = client.get(reverse("meetings:notice_board", args=[council.slug])).content.decode()
    assert "look.css" not in page
    assert "council-coloured" not in page
    assert client.get(reverse("organisations:public_logo", args=[council.slug])).status_code == 404


@pytest.fixture
def seed_meeting(council):
    meeting, _plan = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="seed.txt"
    )
    return meeting


def test_the_minutes_pdf_carries_the_logo_name_and_contact_line(
    coordinator_client, council, seed_meeting
):
    _set_look(coordinator_client, council)
    # when
    response = coordinator_client.get(
        reverse("meetings:minutes_pdf", args=[council.slug, seed_meeting.pk])
    )
    # then
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) > 1
    for page in reader.pages:  # the head and foot of every page
        text = page.extract_text()
        assert SHOWN_NAME in text
        assert CONTACT in text
    logos = [image for image in reader.pages[0].images if image.image.size == (120, 40)]
    assert logos


def test_the_minutes_docx_carries_the_look_and_the_templates_styles(
    coordinator_client, council, seed_meeting
):
    _set_look(coordinator_client, council)
    # when
    response = coordinator_client.get(
        reverse("meetings:minutes_docx", args=[council.slug, seed_meeting.pk])
    )
    # then
    doc = Document(io.BytesIO(response.content))
    section = doc.sections[0]
    assert SHOWN_NAME in section.header.paragraphs[0].text
    assert section.footer.paragraphs[0].text == CONTACT
    pictures = [
        rel.target_part for rel in section.header.part.rels.values() if "image" in rel.reltype
    ]
    assert pictures
    assert Image.open(io.BytesIO(pictures[0].blob)).size == (120, 40)
    assert doc.styles["Heading 1"].font.name == TEMPLATE_FONT  # the template's style
    assert doc.styles["Heading 1"].font.size == Pt(20)
    texts = [p.text for p in doc.paragraphs]
    assert "Mallens egen text, som inte ska synas." not in texts  # its content is not kept
    assert any(p.style.name == "Heading 1" for p in doc.paragraphs)


def test_removing_the_logo_and_template_returns_to_the_plain_look(coordinator_client, council):
    _set_look(coordinator_client, council)
    response = _post(coordinator_client, council, remove_logo="on", remove_template="on")
    assert response.status_code == 302
    council.refresh_from_db()
    assert council.logo_type == ""
    assert council.template_name == ""
    assert not CouncilLookFile.objects.exists()


def test_the_problem_picture_pdf_and_the_poster_carry_the_look(coordinator_client, council):
    from samverkan.dialogue.services.default_survey import survey_create_default

    _set_look(coordinator_client, council)
    response = coordinator_client.get(
        reverse("insights:problem_picture_pdf", args=[council.slug, 2018])
    )
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert SHOWN_NAME in text
    assert CONTACT in text
    survey = survey_create_default(actor=None, council=council, areas=["Centrum"])
    poster = coordinator_client.get(
        reverse("dialogue:survey_poster", args=[council.slug, survey.pk])
    ).content.decode()
    assert reverse("organisations:public_logo", args=[council.slug]) in poster
    assert CONTACT in poster
    assert f"{SHOWN_NAME} in Köpings kommun" in poster


def test_an_svg_logo_is_drawn_in_the_pdf_and_in_the_word_files_header():
    from samverkan.core.documents import Document as Doc
    from samverkan.core.documents import Look, Paragraph, document_docx, document_pdf

    svg = look.checked_logo(
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40">'
        b'<text x="5" y="25">KBRA</text></svg>',
        "logo.svg",
    )
    shown = Look(name=SHOWN_NAME, contact=CONTACT, logo=svg.data, logo_type=svg.content_type)
    document = Doc(title="T", author="A", description="D", body=[Paragraph("x")], look=shown)
    text = PdfReader(io.BytesIO(document_pdf(document))).pages[0].extract_text()
    assert "KBRA" in text  # the SVG's own text, drawn as the logo
    assert CONTACT in text
    word_file = document_docx(document)
    word = Document(io.BytesIO(word_file))
    assert word.sections[0].header.paragraphs[0].text.strip() == SHOWN_NAME
    # Word shows no SVG: the logo is drawn as a PNG for it (CairoSVG) and heads every page.
    header = word.sections[0].header
    pictures = [r for r in header.part.rels.values() if "image" in r.reltype]
    assert len(pictures) == 1
    picture = Image.open(io.BytesIO(pictures[0].target_part.blob))
    assert picture.format == "PNG"
    assert picture.height == 240
