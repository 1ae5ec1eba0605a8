from samverkan.webhooks import views

app_name = "webhooks"
urlpatterns = views.urlpatterns
