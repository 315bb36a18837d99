from django.urls import path

from . import views
from .feeds import PromotionFeed

app_name = "promotions"

urlpatterns = [
    path("promoted/", views.promoted_hub, name="hub"),
    path("promoted/feed/", PromotionFeed(), name="feed"),
    path("stats/", views.statistics, name="stats"),
]
