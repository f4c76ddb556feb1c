from core import entities
from kit.views.routes import entity_pages

app_name = "core"

urlpatterns = entity_pages(entities)
