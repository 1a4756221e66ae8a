import factory
import wagtail_factories

from people.models import PeopleIndexPage, PersonLink, PersonPage


class PeopleIndexPageFactory(wagtail_factories.PageFactory):
    title = "People"
    slug = "people"

    class Meta:
        model = PeopleIndexPage


class PersonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Person {n}")
    last_name = factory.LazyAttribute(lambda o: o.title.split()[-1])
    role = "Policy Officer"
    organisation = "Carnegie UK Trust"
    kind = PersonPage.Kind.STAFF

    class Meta:
        model = PersonPage


class PersonLinkFactory(factory.django.DjangoModelFactory):
    url = "https://example.org/"

    class Meta:
        model = PersonLink
