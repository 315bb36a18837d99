def site_context(request):
    """Values every public template needs (the search box keeps the query)."""
    return {"search_query": request.GET.get("q", "") if request.path.startswith("/search") else ""}
