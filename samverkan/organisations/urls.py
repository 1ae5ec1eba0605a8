from django.urls import path

from samverkan.organisations import document_jobs, views

app_name = "organisations"
c = "councils/<slug:slug>/"
urlpatterns = [
    path("", views.home, name="home"),
    path("councils/new/", views.council_create, name="council_create"),
    path(c, views.council_detail, name="council_detail"),
    path(c + "look/", views.council_look, name="council_look"),
    path("r/<slug:slug>/logo", views.public_logo, name="public_logo"),
    path("r/<slug:slug>/look.css", views.public_look_css, name="public_look_css"),
    path(c + "organisations/", views.organisation_list, name="organisation_list"),
    path(c + "organisations/new/", views.organisation_create, name="organisation_create"),
    path(c + "organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path(c + "organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path(c + "organisations/<int:pk>/end/", views.organisation_end, name="organisation_end"),
    path(
        c + "organisations/<int:pk>/other-names/",
        views.organisation_alias_add,
        name="organisation_alias_add",
    ),
    path(
        c + "other-names/<int:pk>/delete/",
        views.organisation_alias_delete,
        name="organisation_alias_delete",
    ),
    path(c + "people/", views.person_list, name="person_list"),
    path(c + "people/new/", views.person_create, name="person_create"),
    path(c + "people/<int:pk>/", views.person_detail, name="person_detail"),
    path(c + "people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path(
        c + "people/<int:pk>/personal-data/",
        views.person_data_export,
        name="person_data_export",
    ),
    path(c + "people/<int:pk>/erase/", views.person_erase, name="person_erase"),
    path(c + "bodies/", views.body_list, name="body_list"),
    path(c + "bodies/new/", views.body_create, name="body_create"),
    path(c + "bodies/<int:pk>/", views.body_detail, name="body_detail"),
    path(c + "bodies/<int:pk>/edit/", views.body_edit, name="body_edit"),
    path(c + "bodies/<int:pk>/end/", views.body_end, name="body_end"),
    path(
        c + "bodies/<int:body_pk>/members/new/",
        views.membership_create,
        name="membership_create",
    ),
    path(c + "memberships/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path(c + "documents/<int:pk>/", document_jobs.document_job, name="document_job"),
    path(c + "documents/<int:pk>/file", document_jobs.document_job_file, name="document_job_file"),
    path(
        c + "documents/<int:pk>/cancel/",
        document_jobs.document_job_cancel,
        name="document_job_cancel",
    ),
]
