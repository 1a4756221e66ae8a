from django.urls import path

from kindness.views import read_only
from newsletter import views
from newsletter.feeds import IssueFeed

app_name = "newsletter"

urlpatterns = [
    path("newsletter/", views.signup, name="signup"),
    path("newsletter/feed/", read_only(IssueFeed()), name="feed"),
    path("newsletter/check-your-email/", views.check_email, name="check-email"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
