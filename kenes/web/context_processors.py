from kenes.web.areas import AREAS


def navigation(request):
    user = getattr(request, "user", None)
    return {
        "areas": AREAS,
        "can_edit": bool(user and getattr(user, "is_secretariat", False)),
    }
