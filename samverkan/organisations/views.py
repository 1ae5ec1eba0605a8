"""Pages for a council's organisations, people, bodies and seats. Thin: parse, call, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samverkan.accounts.access import (
    Capability,
    access_council,
    capabilities_in,
    council_context,
    councils_visible_to,
    is_site_admin,
)
from samverkan.core.audit import history_of
from samverkan.core.errors import ForbiddenError
from samverkan.core.pages import paginate, posted, run_service
from samverkan.organisations import personal_data, selectors, services
from samverkan.organisations.forms import (
    AliasForm,
    BodyForm,
    CouncilForm,
    CouncilLookForm,
    EndForm,
    EraseForm,
    MembershipForm,
    OrganisationForm,
    PersonForm,
)
from samverkan.organisations.models import Council, OrganisationKind


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organisations/home.html",
        {
            "councils": councils_visible_to(request.user),
            "is_site_admin": is_site_admin(request.user),
        },
    )


@login_required
def council_create(request: HttpRequest) -> HttpResponse:
    if not is_site_admin(request.user):
        raise ForbiddenError
    form = CouncilForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        council = run_service(
            form,
            lambda: services.council_create(
                actor=request.user,
                municipality_name=data["municipality_name"],
                name=data["name"],
                slug=data["slug"],
                publishes=data["publishes"],
            ),
        )
        if council:
            messages.success(request, _("The council was created."))
            return redirect("organisations:council_detail", slug=council.slug)
    return render(
        request,
        "organisations/council_form.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


def _form_page(
    request: HttpRequest, council: Council, form: Any, title: str, back: str, **extra: Any
) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "organisations/record_form.html",
        _context(request, council, form=form, title=title, back=back, **extra),
        status=status,
    )


@login_required
def council_detail(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    bodies = selectors.bodies_of(council)
    return render(
        request,
        "organisations/council_detail.html",
        _context(
            request,
            council,
            bodies=bodies,
            organisation_count=selectors.organisations_of(council).count(),
            history=history_of(council)[:10],
        ),
    )


# Organisations ----------------------------------------------------------------------------


@login_required
def organisation_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    show_ended = request.GET.get("ended") == "1"
    page = paginate(request, selectors.organisations_of(council, include_ended=show_ended))
    return render(
        request,
        "organisations/organisation_list.html",
        _context(request, council, page=page, show_ended=show_ended),
    )


@login_required
def organisation_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    form = OrganisationForm(posted(request), council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = run_service(
            form,
            lambda: services.organisation_create(
                actor=request.user,
                council=council,
                name=data["name"],
                short_name=data["short_name"],
                parent=data["parent"],
                kind=data["kind"] or OrganisationKind.OTHER,
            ),
        )
        if organisation:
            messages.success(request, _("The organisation was saved."))
            return redirect("organisations:organisation_detail", slug=slug, pk=organisation.pk)
    return _form_page(
        request, council, form, _("New organisation"), back="organisations:organisation_list"
    )


def _organisation_page(
    request: HttpRequest, council: Council, pk: int, alias_form: AliasForm | None = None
) -> HttpResponse:
    organisation = selectors.organisation_in(council, pk)
    return render(
        request,
        "organisations/organisation_detail.html",
        _context(
            request,
            council,
            organisation=organisation,
            units=organisation.units.all(),
            aliases=selectors.aliases_of(organisation),
            alias_form=alias_form or AliasForm(prefix="alias"),
            history=history_of(organisation),
            end_form=EndForm(),
        ),
        status=400 if alias_form is not None and alias_form.errors else 200,
    )


@login_required
def organisation_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    return _organisation_page(request, council, pk)


@login_required
@require_POST
def organisation_alias_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add another name of the organisation; a refusal shows the organisation's page again."""
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    organisation = selectors.organisation_in(council, pk)
    form = AliasForm(request.POST, prefix="alias")
    alias = (
        run_service(
            form,
            lambda: services.organisation_alias_create(
                actor=request.user, organisation=organisation, name=form.cleaned_data["name"]
            ),
        )
        if form.is_valid()
        else None
    )
    if alias is not None:
        messages.success(request, _("The other name was saved."))
        return redirect("organisations:organisation_detail", slug=slug, pk=pk)
    return _organisation_page(request, council, pk, alias_form=form)


@login_required
@require_POST
def organisation_alias_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    alias = selectors.alias_in(council, pk)
    services.organisation_alias_delete(actor=request.user, alias=alias)
    messages.success(request, _("The other name was removed."))
    return redirect("organisations:organisation_detail", slug=slug, pk=alias.organisation_id)


@login_required
def organisation_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    organisation = selectors.organisation_in(council, pk)
    form = OrganisationForm(posted(request), instance=organisation, council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Re-read: an invalid ModelForm has already written its input onto the instance.
        fresh = selectors.organisation_in(council, pk)
        if run_service(
            form,
            lambda: services.organisation_update(
                actor=request.user,
                organisation=fresh,
                name=data["name"],
                short_name=data["short_name"],
                parent=data["parent"],
                kind=data["kind"] or None,
            ),
        ):
            messages.success(request, _("The organisation was saved."))
            return redirect("organisations:organisation_detail", slug=slug, pk=pk)
    return _form_page(
        request, council, form, _("Edit organisation"), back="organisations:organisation_list"
    )


@login_required
def organisation_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    organisation = selectors.organisation_in(council, pk)
    form = EndForm(posted(request))
    if request.method == "POST" and form.is_valid():
        ended_on = form.cleaned_data["ended_on"]
        if run_service(
            form,
            lambda: services.organisation_end(
                actor=request.user, organisation=organisation, ended_on=ended_on
            ),
        ):
            messages.success(request, _("The organisation was ended."))
            return redirect("organisations:organisation_detail", slug=slug, pk=pk)
    return _form_page(
        request,
        council,
        form,
        _("End organisation %(name)s") % {"name": organisation.name},
        back="organisations:organisation_list",
    )


# People -----------------------------------------------------------------------------------


@login_required
def person_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.VIEW_PEOPLE)
    search = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    page = paginate(request, selectors.people_of(council, search=search))
    # Typing in the search box asks htmx for the results alone.
    template = "organisations/person_list.html"
    if getattr(request, "htmx", False):
        template += "#results"
    return render(request, template, _context(request, council, page=page, search=search))


@login_required
def person_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    form = PersonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = run_service(
            form,
            lambda: services.person_create(
                actor=request.user,
                council=council,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
            ),
        )
        if person:
            messages.success(request, _("The person was saved."))
            return redirect("organisations:person_detail", slug=slug, pk=person.pk)
    return _form_page(request, council, form, _("New person"), back="organisations:person_list")


@login_required
def person_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.VIEW_PEOPLE)
    person = selectors.person_in(council, pk)
    return render(
        request,
        "organisations/person_detail.html",
        _context(
            request,
            council,
            person=person,
            memberships=selectors.memberships_of_person(person, council),
            # A person shared with another council: show only this council's changes.
            history=history_of(person).filter(council_id=council.pk),
        ),
    )


@login_required
def person_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    person = selectors.person_in(council, pk)
    form = PersonForm(
        posted(request),
        instance=person,
        held_back=services.person_councils_held_back(request.user, person, council),
        may_fill_in_email=services.person_may_fill_in_email(person),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fresh = selectors.person_in(council, pk)
        if run_service(
            form,
            lambda: services.person_update(
                actor=request.user,
                person=fresh,
                council=council,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
            ),
        ):
            messages.success(request, _("The person was saved."))
            return redirect("organisations:person_detail", slug=slug, pk=pk)
    return _form_page(request, council, form, _("Edit person"), back="organisations:person_list")


# A person's data (GDPR articles 15, 17 and 20) ---------------------------------------------


@login_required
def person_data_export(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Hand out everything the council holds about the person as a ZIP of JSON and PDF."""
    council = access_council(request.user, slug, need=Capability.MANAGE_ACCESS)
    person = selectors.person_in(council, pk)
    export = personal_data.personal_data_export(actor=request.user, person=person, council=council)
    response = HttpResponse(export.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@login_required
def person_erase(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Ask, then erase the person's data that the law does not keep."""
    council = access_council(request.user, slug, need=Capability.MANAGE_ACCESS)
    person = selectors.person_in(council, pk)
    form = EraseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        erased = run_service(
            form,
            lambda: personal_data.person_erase(actor=request.user, person=person, council=council),
        )
        if erased is not None:
            messages.success(request, _("The person's data was erased."))
            return redirect("organisations:person_detail", slug=slug, pk=pk)
    return render(
        request,
        "organisations/person_erase.html",
        _context(
            request,
            council,
            person=person,
            form=form,
            erased=personal_data.ERASED_LIST,
            kept_by_law=personal_data.KEPT_BY_LAW,
        ),
        status=400 if form.is_bound and form.errors else 200,
    )


# Bodies -----------------------------------------------------------------------------------


@login_required
def body_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    page = paginate(request, selectors.bodies_of(council))
    return render(request, "organisations/body_list.html", _context(request, council, page=page))


@login_required
def body_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    form = BodyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        body = run_service(
            form,
            lambda: services.body_create(
                actor=request.user,
                council=council,
                name=data["name"],
                kind=data["kind"] or OrganisationKind.OTHER,
                description=data["description"],
                **{name: data[name] for name in services.MINUTES_SETTINGS},
            ),
        )
        if body:
            messages.success(request, _("The body was saved."))
            return redirect("organisations:body_detail", slug=slug, pk=body.pk)
    return _form_page(request, council, form, _("New body"), back="organisations:body_list")


@login_required
def body_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    body = selectors.body_in(council, pk)
    caps = capabilities_in(request.user, council)
    memberships = (
        paginate(request, selectors.memberships_of_body(body), per_page=100)
        if Capability.VIEW_PEOPLE in caps
        else None
    )
    return render(
        request,
        "organisations/body_detail.html",
        _context(
            request,
            council,
            body=body,
            memberships=memberships,
            history=history_of(body),
        ),
    )


@login_required
def body_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    body = selectors.body_in(council, pk)
    form = BodyForm(posted(request), instance=body)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fresh = selectors.body_in(council, pk)
        if run_service(
            form,
            lambda: services.body_update(
                actor=request.user,
                body=fresh,
                name=data["name"],
                kind=data["kind"] or OrganisationKind.OTHER,
                description=data["description"],
                **{name: data[name] for name in services.MINUTES_SETTINGS},
            ),
        ):
            messages.success(request, _("The body was saved."))
            return redirect("organisations:body_detail", slug=slug, pk=pk)
    return _form_page(request, council, form, _("Edit body"), back="organisations:body_list")


@login_required
def body_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    body = selectors.body_in(council, pk)
    form = EndForm(posted(request))
    if request.method == "POST" and form.is_valid():
        ended_on = form.cleaned_data["ended_on"]
        if run_service(
            form, lambda: services.body_end(actor=request.user, body=body, ended_on=ended_on)
        ):
            messages.success(request, _("The body was ended."))
            return redirect("organisations:body_detail", slug=slug, pk=pk)
    return _form_page(
        request,
        council,
        form,
        _("End body %(name)s") % {"name": body.name},
        back="organisations:body_list",
    )


# Memberships ------------------------------------------------------------------------------


@login_required
def membership_create(request: HttpRequest, slug: str, body_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    body = selectors.body_in(council, body_pk)
    form = MembershipForm(posted(request), council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership = run_service(
            form,
            lambda: services.membership_create(
                actor=request.user,
                body=body,
                person=data["person"],
                role=data["role"],
                organisation=data["organisation"],
                title=data["title"],
                start_date=data["start_date"],
                end_date=data["end_date"],
            ),
        )
        if membership:
            messages.success(request, _("The membership was saved."))
            return redirect("organisations:body_detail", slug=slug, pk=body.pk)
    return _form_page(
        request,
        council,
        form,
        _("New member of %(body)s") % {"body": body.name},
        back="organisations:body_list",
    )


@login_required
def membership_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    membership = selectors.membership_in(council, pk)
    form = MembershipForm(posted(request), instance=membership, council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fresh = selectors.membership_in(council, pk)
        if run_service(
            form,
            lambda: services.membership_update(
                actor=request.user,
                membership=fresh,
                role=data["role"],
                organisation=data["organisation"],
                title=data["title"],
                start_date=data["start_date"],
                end_date=data["end_date"],
            ),
        ):
            messages.success(request, _("The membership was saved."))
            return redirect("organisations:body_detail", slug=slug, pk=fresh.body_id)
    membership = selectors.membership_in(council, pk)
    return _form_page(
        request,
        council,
        form,
        _("Edit membership: %(person)s in %(body)s")
        % {"person": membership.person.name, "body": membership.body.name},
        back="organisations:body_list",
        history=history_of(membership),
    )


# The council's own look -----------------------------------------------------------------


def _upload(file: UploadedFile | None) -> tuple[bytes, str] | None:
    return (file.read(), file.name or "") if file else None


@login_required
def council_look(request: HttpRequest, slug: str) -> HttpResponse:
    """The coordinator sets the council's name as shown, logo, colour, contact line and Word
    template (organisations/look.py says what each must be)."""
    council = access_council(request.user, slug, need=Capability.MANAGE_ACCESS)
    initial = {
        "display_name": council.display_name,
        "colour": council.colour,
        "contact_line": council.contact_line,
    }
    form = CouncilLookForm(posted(request), request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(
            form,
            lambda: services.council_look_change(
                actor=request.user,
                council=council,
                display_name=data["display_name"],
                colour=data["colour"],
                contact_line=data["contact_line"],
                logo=_upload(data["logo"]),
                remove_logo=data["remove_logo"],
                template=_upload(data["template"]),
                remove_template=data["remove_template"],
            ),
        ):
            messages.success(request, _("The council's look was saved."))
            return redirect("organisations:council_look", slug=slug)
    return render(
        request,
        "organisations/council_look.html",
        _context(request, council, form=form, history=history_of(council)[:10]),
        status=400 if form.is_bound and form.errors else 200,
    )


# The look is public: the notice board, every council's own public page, shows it.
_LOOK_CACHE = "public, max-age=300"


@require_GET
def public_logo(request: HttpRequest, slug: str) -> HttpResponse:
    council = selectors.access_public_council(slug, publishing=False)
    response = HttpResponse(selectors.council_logo(council), content_type=council.logo_type)
    response["Cache-Control"] = _LOOK_CACHE
    # An SVG opened on its own runs nothing (it is cleaned too): no script, no plugin.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def public_look_css(request: HttpRequest, slug: str) -> HttpResponse:
    """The council's colour as a CSS custom property (no inline style under the CSP)."""
    council = selectors.access_public_council(slug, publishing=False)
    css = ""
    if council.colour:  # checked as #rrggbb when it was set
        css = f":root {{ --council-colour: {council.colour}; --council-on-colour: #ffffff; }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = _LOOK_CACHE
    return response
