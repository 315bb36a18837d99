from django import template

register = template.Library()


@register.filter
def bound_field(form, name):
    """``form|bound_field:"host_name"``: a form's field by a name held in a variable."""
    return form[name]
