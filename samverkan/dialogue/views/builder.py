"""Pages of the survey builder: the council's surveys, a survey with its sections and
questions, the preview, publishing and closing, and the poster with the public link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import Capability, access_council
from samverkan.core.audit import history_of
from samverkan.core.errors import ServiceError
from samverkan.core.pages import paginate, posted, run_service
from samverkan.dialogue.answer_form import answer_sections
from samverkan.dialogue.forms.builder import QuestionForm, SectionForm, SurveyForm
from samverkan.dialogue.models import Question, Section, Survey, SurveyStatus
from samverkan.dialogue.selectors.surveys import (
    question_in,
    section_in,
    sections_of,
    survey_in,
    surveys_of,
)
from samverkan.dialogue.services import builder
from samverkan.dialogue.services.default_survey import survey_create_default
from samverkan.dialogue.views.pages import confirm_delete_page, council_page, form_page


def _survey(request: HttpRequest, slug: str, pk: int, need: Capability) -> Survey:
    council = access_council(request.user, slug, need=need)
    return survey_in(council, pk)


def public_url(request: HttpRequest, survey: Survey) -> str:
    return request.build_absolute_uri(
        reverse("dialogue:answer", kwargs={"slug": survey.council.slug, "token": survey.token})
    )


def _refused(request: HttpRequest, error: ServiceError) -> None:
    messages.error(request, str(error.message))


# Surveys ----------------------------------------------------------------------------------


@login_required
def survey_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    page = paginate(request, surveys_of(council))
    return render(request, "dialogue/survey_list.html", council_page(request, council, page=page))


@login_required
def survey_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    form = SurveyForm(posted(request), council=council)
    if request.method == "POST" and form.is_valid():
        survey = run_service(
            form,
            lambda: builder.survey_create(
                actor=request.user, council=council, fields=form.survey_fields()
            ),
        )
        if survey:
            messages.success(request, _("The survey was created."))
            return redirect("dialogue:survey_detail", slug=slug, pk=survey.pk)
    return form_page(request, "dialogue/form_page.html", council, form, title=_("New survey"))


@login_required
@require_POST
def survey_create_default_view(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    survey = survey_create_default(actor=request.user, council=council)
    messages.success(
        request, _("The default survey was created as a draft. Adjust it, then publish.")
    )
    return redirect("dialogue:survey_detail", slug=slug, pk=survey.pk)


@login_required
def survey_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.VIEW_COUNCIL)
    return render(
        request,
        "dialogue/survey_detail.html",
        council_page(
            request,
            survey.council,
            survey=survey,
            sections=sections_of(survey),
            editable=survey.status == SurveyStatus.DRAFT and not survey.imported,
            public_url=public_url(request, survey),
            response_count=survey.responses.count(),
            history=history_of(survey)[:20],
        ),
    )


@login_required
def survey_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.CHANGE_RECORDS)
    form = SurveyForm(
        posted(request),
        council=survey.council,
        exclude=survey,
        initial=SurveyForm.initial_of(survey),
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: builder.survey_update(
                actor=request.user, survey=survey, fields=form.survey_fields()
            ),
        )
        if done:
            messages.success(request, _("The survey was saved."))
            return redirect("dialogue:survey_detail", slug=slug, pk=survey.pk)
    return form_page(
        request,
        "dialogue/form_page.html",
        survey.council,
        form,
        title=_("Edit the survey"),
        survey=survey,
    )


@login_required
@require_POST
def survey_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.CHANGE_RECORDS)
    try:
        builder.survey_publish(actor=request.user, survey=survey)
        messages.success(request, _("The survey is published. Anyone with the link can answer."))
    except ServiceError as error:
        _refused(request, error)
    return redirect("dialogue:survey_detail", slug=slug, pk=survey.pk)


@login_required
@require_POST
def survey_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.CHANGE_RECORDS)
    try:
        builder.survey_close(actor=request.user, survey=survey)
        messages.success(request, _("The survey is closed. No more answers are taken."))
    except ServiceError as error:
        _refused(request, error)
    return redirect("dialogue:survey_detail", slug=slug, pk=survey.pk)


@login_required
def survey_preview(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.VIEW_COUNCIL)
    return render(
        request,
        "dialogue/answer.html",
        council_page(
            request,
            survey.council,
            survey=survey,
            sections=answer_sections(survey),
            errors={},
            values={},
            preview=True,
        ),
    )


@login_required
def survey_poster(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.VIEW_COUNCIL)
    url = public_url(request, survey)
    return render(
        request,
        "dialogue/poster.html",
        {"survey": survey, "public_url": url, "qr_code": qr_svg(url)},
    )


def qr_svg(url: str) -> str:
    """The link as a QR code in SVG, drawn here (no third-party request), with a text name."""
    import segno

    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=6, title=_("QR code for %(url)s") % {"url": url}, svgclass="qr")
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 (segno's own SVG)


# Sections ---------------------------------------------------------------------------------


@login_required
def section_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.CHANGE_RECORDS)
    form = SectionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        section = run_service(
            form,
            lambda: builder.section_create(actor=request.user, survey=survey, **form.cleaned_data),
        )
        if section:
            messages.success(request, _("The section was added."))
            return redirect("dialogue:survey_detail", slug=slug, pk=survey.pk)
    return form_page(
        request,
        "dialogue/form_page.html",
        survey.council,
        form,
        title=_("New section"),
        survey=survey,
    )


@login_required
def section_edit(request: HttpRequest, slug: str, pk: int, section_pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.CHANGE_RECORDS)
    section = section_in(survey, section_pk)
    form = SectionForm(
        posted(request), initial={"title_sv": section.title_sv, "title_en": section.title_en}
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: builder.section_update(
                actor=request.user, section=section, **form.cleaned_data
            ),
        )
        if done:
            messages.success(request, _("The section was saved."))
            return redirect("dialogue:survey_detail", slug=slug, pk=survey.pk)
    return form_page(
        request,
        "dialogue/form_page.html",
        survey.council,
        form,
        title=_("Edit the section"),
        survey=survey,
    )


def _confirm_delete(
    request: HttpRequest, survey: Survey, thing: Section | Question, what: str
) -> HttpResponse:
    return confirm_delete_page(
        request,
        survey.council,
        heading=_("Remove %(what)s?") % {"what": what},
        text=str(thing),
        back=reverse(
            "dialogue:survey_detail", kwargs={"slug": survey.council.slug, "pk": survey.pk}
        ),
        back_label=survey.title,
    )


@login_required
def section_delete(request: HttpRequest, slug: str, pk: int, section_pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.CHANGE_RECORDS)
    section = section_in(survey, section_pk)
    if request.method != "POST":
        return _confirm_delete(request, survey, section, _("the section and its questions"))
    try:
        builder.section_delete(actor=request.user, section=section)
        messages.success(request, _("The section was removed."))
    except ServiceError as error:
        _refused(request, error)
    return redirect("dialogue:survey_detail", slug=slug, pk=survey.pk)


@login_required
@require_POST
def section_move(request: HttpRequest, slug: str, pk: int, section_pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.CHANGE_RECORDS)
    section = section_in(survey, section_pk)
    try:
        builder.section_move(actor=request.user, section=section, up=request.POST.get("up") == "1")
    except ServiceError as error:
        _refused(request, error)
    return redirect(
        reverse("dialogue:survey_detail", kwargs={"slug": slug, "pk": survey.pk})
        + f"#section-{section.pk}"
    )


# Questions --------------------------------------------------------------------------------


@login_required
def question_create(request: HttpRequest, slug: str, pk: int, section_pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.CHANGE_RECORDS)
    section = section_in(survey, section_pk)
    form = QuestionForm(posted(request), initial={"kind": "scale"})
    if request.method == "POST" and form.is_valid():
        question = run_service(
            form,
            lambda: builder.question_create(
                actor=request.user, section=section, fields=form.question_fields()
            ),
        )
        if question:
            messages.success(request, _("The question was added."))
            return redirect(
                reverse("dialogue:survey_detail", kwargs={"slug": slug, "pk": survey.pk})
                + f"#question-{question.pk}"
            )
    title = _("New question in “%(section)s”") % {"section": section.title}
    return form_page(
        request, "dialogue/form_page.html", survey.council, form, title=title, survey=survey
    )


@login_required
def question_edit(request: HttpRequest, slug: str, pk: int, question_pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.CHANGE_RECORDS)
    question = question_in(survey, question_pk)
    options = list(question.options.all())
    initial = {
        name: getattr(question, name)
        for name in QuestionForm.base_fields
        if name not in {"options_sv", "options_en"}
    }
    initial["options_sv"] = "\n".join(option.text_sv for option in options)
    initial["options_en"] = "\n".join(option.text_en for option in options)
    form = QuestionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: builder.question_update(
                actor=request.user, question=question, fields=form.question_fields()
            ),
        )
        if done:
            messages.success(request, _("The question was saved."))
            return redirect(
                reverse("dialogue:survey_detail", kwargs={"slug": slug, "pk": survey.pk})
                + f"#question-{question.pk}"
            )
    return form_page(
        request,
        "dialogue/form_page.html",
        survey.council,
        form,
        title=_("Edit the question"),
        survey=survey,
    )


@login_required
def question_delete(request: HttpRequest, slug: str, pk: int, question_pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.CHANGE_RECORDS)
    question = question_in(survey, question_pk)
    if request.method != "POST":
        return _confirm_delete(request, survey, question, _("the question"))
    try:
        builder.question_delete(actor=request.user, question=question)
        messages.success(request, _("The question was removed."))
    except ServiceError as error:
        _refused(request, error)
    return redirect("dialogue:survey_detail", slug=slug, pk=survey.pk)


@login_required
@require_POST
def question_move(request: HttpRequest, slug: str, pk: int, question_pk: int) -> HttpResponse:
    survey = _survey(request, slug, pk, Capability.CHANGE_RECORDS)
    question = question_in(survey, question_pk)
    try:
        builder.question_move(
            actor=request.user, question=question, up=request.POST.get("up") == "1"
        )
    except ServiceError as error:
        _refused(request, error)
    return redirect(
        reverse("dialogue:survey_detail", kwargs={"slug": slug, "pk": survey.pk})
        + f"#question-{question.pk}"
    )


S = "councils/<slug:slug>/surveys/"
urlpatterns: list[URLPattern] = [
    path(S, survey_list, name="survey_list"),
    path(f"{S}new/", survey_create, name="survey_create"),
    path(f"{S}new/default/", survey_create_default_view, name="survey_create_default"),
    path(f"{S}<int:pk>/", survey_detail, name="survey_detail"),
    path(f"{S}<int:pk>/edit/", survey_edit, name="survey_edit"),
    path(f"{S}<int:pk>/publish/", survey_publish, name="survey_publish"),
    path(f"{S}<int:pk>/close/", survey_close, name="survey_close"),
    path(f"{S}<int:pk>/preview/", survey_preview, name="survey_preview"),
    path(f"{S}<int:pk>/poster/", survey_poster, name="survey_poster"),
    path(f"{S}<int:pk>/sections/new/", section_create, name="section_create"),
    path(f"{S}<int:pk>/sections/<int:section_pk>/edit/", section_edit, name="section_edit"),
    path(f"{S}<int:pk>/sections/<int:section_pk>/delete/", section_delete, name="section_delete"),
    path(f"{S}<int:pk>/sections/<int:section_pk>/move/", section_move, name="section_move"),
    path(
        f"{S}<int:pk>/sections/<int:section_pk>/questions/new/",
        question_create,
        name="question_create",
    ),
    path(f"{S}<int:pk>/questions/<int:question_pk>/edit/", question_edit, name="question_edit"),
    path(
        f"{S}<int:pk>/questions/<int:question_pk>/delete/", question_delete, name="question_delete"
    ),
    path(f"{S}<int:pk>/questions/<int:question_pk>/move/", question_move, name="question_move"),
]
