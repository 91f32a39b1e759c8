from django.urls import path

from kenes.portal import embeds, views
from kenes.portal.feeds import published_feed

app_name = "portal"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/<slug:code>/", views.topic_detail, name="topic"),
    path("feeds/<slug:kind>.<slug:feed_format>", published_feed, name="feed"),
    path("topics/<slug:code>/feeds/<slug:kind>.<slug:feed_format>", published_feed, name="topic_feed"),
    path("data/", views.open_data, name="data"),
    path("data/<str:name>", views.open_data_file, name="data_file"),
    path("embed/targets/<int:pk>/", embeds.target_embed, name="embed_target"),
    path("embed/targets/<int:pk>.svg", embeds.target_svg, name="embed_target_svg"),
]
