from django.urls import path

from samverkan.opendata.views import feeds, oparl

app_name = "opendata"
o = "oparl/1.1/"
b = o + "body/<slug:slug>/"
urlpatterns = [
    path(o, oparl.system, name="oparl_system"),
    path(o + "bodies/", oparl.bodies, name="oparl_bodies"),
    path(b, oparl.body, name="oparl_body"),
    path(b + "organizations/", oparl.organizations, name="oparl_organizations"),
    path(b + "people/", oparl.people, name="oparl_people"),
    path(b + "memberships/", oparl.memberships, name="oparl_memberships"),
    path(b + "meetings/", oparl.meetings, name="oparl_meetings"),
    path(b + "papers/", oparl.papers, name="oparl_papers"),
    path(b + "locations/", oparl.locations, name="oparl_locations"),
    path(b + "files/", oparl.files, name="oparl_files"),
    path(
        b + "organization/body-<int:pk>/", oparl.body_organization, name="oparl_body_organization"
    ),
    path(
        b + "organization/party-<int:pk>/",
        oparl.party_organization,
        name="oparl_party_organization",
    ),
    path(b + "person/<int:pk>/", oparl.person, name="oparl_person"),
    path(b + "membership/<int:pk>/", oparl.membership, name="oparl_membership"),
    path(b + "meeting/<int:pk>/", oparl.meeting, name="oparl_meeting"),
    path(
        b + "meeting/<int:meeting>/agenda-item/<int:pk>/",
        oparl.agenda_item,
        name="oparl_agenda_item",
    ),
    path(b + "location/<int:pk>/", oparl.location, name="oparl_location"),
    path(b + "file/<int:pk>/", oparl.file, name="oparl_file"),
    path(b + "file/notice-<int:pk>/", oparl.notice_file, name="oparl_notice_file"),
    path(b + "meeting/<int:pk>/kallelse.pdf", oparl.notice_pdf, name="oparl_notice_pdf"),
    path("r/<slug:slug>/anslag.atom", feeds.notice_board_feed, name="notice_board_feed"),
    path("r/<slug:slug>/protokoll.atom", feeds.minutes_feed, name="minutes_feed"),
]
