from django.urls import path

from samverkan.meetings.views import archive, cycle, minutes, public

app_name = "meetings"
c = "councils/<slug:slug>/meetings/"
m = c + "<int:pk>/"
urlpatterns = [
    path(c, minutes.meeting_list, name="meeting_list"),
    path(c + "new/", cycle.meeting_create, name="meeting_create"),
    path(c + "schedule/", cycle.schedule_create, name="schedule_create"),
    path(c + "search/", archive.archive_search, name="archive_search"),
    path(c + "decisions/", archive.decision_register, name="decision_register"),
    path(c + "import/", minutes.minutes_upload, name="minutes_upload"),
    path(c + "import/<int:pk>/", minutes.minutes_preview, name="minutes_preview"),
    path(c + "import/<int:pk>/confirm/", minutes.minutes_confirm, name="minutes_confirm"),
    path(m, minutes.meeting_detail, name="meeting_detail"),
    path(m + "protokoll.pdf", minutes.minutes_pdf_view, name="minutes_pdf"),
    path(m + "protokoll.docx", minutes.minutes_docx_view, name="minutes_docx"),
    path(m + "sammantrade.ics", minutes.meeting_ics, name="meeting_ics"),
    path(m + "edit/", cycle.minutes_editor, name="minutes_editor"),
    path(m + "facts/", cycle.meeting_facts, name="meeting_facts"),
    path(m + "status/", cycle.meeting_status, name="meeting_status"),
    path(m + "items/", cycle.item_add, name="item_add"),
    path(m + "attendance/members/", cycle.attendance_prefill, name="attendance_prefill"),
    path(m + "attendance/", cycle.attendance_save, name="attendance_save"),
    path(m + "attendance/guests/", cycle.guest_add, name="guest_add"),
    path(m + "signatures/", cycle.signatures_save, name="signatures_save"),
    path(m + "freeze/", cycle.minutes_freeze, name="minutes_freeze"),
    path(m + "take-back/", cycle.minutes_take_back, name="minutes_take_back"),
    path(m + "approve/", cycle.minutes_approve, name="minutes_approve"),
    path(m + "correct/", cycle.minutes_correct, name="minutes_correct"),
    path(m + "revisions/<int:number>/", cycle.revision_detail, name="revision_detail"),
    path(c + "items/<int:item_pk>/edit/", cycle.item_edit, name="item_edit"),
    path(c + "items/<int:item_pk>/delete/", cycle.item_delete, name="item_delete"),
    path(c + "items/<int:item_pk>/move/", cycle.item_move, name="item_move"),
    path(c + "items/<int:item_pk>/decisions/", cycle.decision_add, name="decision_add"),
    path(c + "items/<int:item_pk>/records/", cycle.record_add, name="record_add"),
    path(c + "decisions/<int:decision_pk>/delete/", cycle.decision_delete, name="decision_delete"),
    path(c + "records/<int:record_pk>/delete/", cycle.record_delete, name="record_delete"),
    path(
        c + "attendance/<int:attendance_pk>/remove/",
        cycle.attendance_remove,
        name="attendance_remove",
    ),
    path("r/<slug:slug>/anslag/", public.notice_board, name="notice_board"),
    path("r/<slug:slug>/protokoll/<int:pk>/", public.public_minutes, name="public_minutes"),
    path(
        "r/<slug:slug>/protokoll/<int:pk>/protokoll.pdf",
        public.public_minutes_pdf,
        name="public_minutes_pdf",
    ),
]
