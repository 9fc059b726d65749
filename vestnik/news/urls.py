from django.urls import path

from . import views

app_name = "news"
urlpatterns = [
    path("author/<slug:slug>/", views.author_detail, name="author"),
    path("tag/<slug:slug>/", views.tag_detail, name="tag"),
]
