from django.urls import path

from samverkan.meetings.views import minutes as views

app_name = "meetings"
c = "councils/<slug:slug>/meetings/"
urlpatterns = [
    path(c, views.meeting_list, name="meeting_list"),
    path(c + "import/", views.minutes_upload, name="minutes_upload"),
    path(c + "import/<int:pk>/", views.minutes_preview, name="minutes_preview"),
    path(c + "import/<int:pk>/confirm/", views.minutes_confirm, name="minutes_confirm"),
    path(c + "<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path(c + "<int:pk>/protokoll.pdf", views.minutes_pdf_view, name="minutes_pdf"),
    path(c + "<int:pk>/protokoll.docx", views.minutes_docx_view, name="minutes_docx"),
    path(c + "<int:pk>/sammantrade.ics", views.meeting_ics, name="meeting_ics"),
]
