placeholder = 1


def openapi_document(base_url):
    return {"openapi": "3.0.3"}
