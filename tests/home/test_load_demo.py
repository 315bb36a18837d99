"""``manage.py load_demo``: a realistic demo site, idempotent, with an admin login."""

import io
import shutil
import tempfile

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings
from wagtail.images import get_image_model

from assessment.models import AnnualPlan, AssessmentRound, MemberArchive, PlanTask, SelfEvaluation
from core.choices import ConstructionModel, Direction, SchoolType
from home.models import HomePage
from promotions.models import Promotion
from studios.demo import demo_studios
from studios.models import StudioMember, StudioPage, StudioUpdatePage

MEDIA_ROOT = tempfile.mkdtemp(prefix="bzr-demo-media-")


def counts():
    return {
        "studios": StudioPage.objects.count(),
        "updates": StudioUpdatePage.objects.count(),
        "members": StudioMember.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "featured": HomePage.objects.get().featured_studios.count(),
        "promotions": Promotion.objects.count(),
        "assessment": [
            model.objects.count() for model in (AnnualPlan, PlanTask, MemberArchive, SelfEvaluation, AssessmentRound)
        ],
    }


# The admin search index on, as on a real site: a test below checks load_demo fills it.
@override_settings(MEDIA_ROOT=MEDIA_ROOT, WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "search.admin_backend"}})
class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        cls.output = out.getvalue()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA_ROOT, ignore_errors=True)

    def test_studios_cover_provinces_school_types_directions_and_models(self):
        studios = StudioPage.objects.live()
        self.assertGreaterEqual(studios.count(), 12)
        self.assertGreaterEqual(len(set(studios.values_list("province", flat=True))), 6)
        self.assertEqual(set(studios.values_list("school_type", flat=True)), set(SchoolType.values))
        self.assertEqual(set(studios.values_list("construction_model", flat=True)), set(ConstructionModel.values))
        used = set(studios.values_list("directions__code", flat=True))
        self.assertEqual(used, set(Direction.values))

    def test_every_studio_is_complete_and_valid(self):
        for studio in demo_studios().specific():
            with self.subTest(studio=studio.title):
                studio.full_clean()  # 5-10 members, 1-3 directions, 2-3 year cycle
                self.assertTrue(studio.url.startswith("/studios/"))
                self.assertTrue(studio.introduction and studio.philosophy and studio.host_honours)
                self.assertTrue(studio.wechat_account)
                self.assertIsNotNone(studio.host_photo)
                self.assertIsNotNone(studio.wechat_qr)
                members = list(studio.members.all())
                self.assertTrue(all(member.role and member.title for member in members))
                # In the listed order on every database: the deputy host first.
                self.assertEqual([m.sort_order for m in members], list(range(len(members))))
                self.assertEqual(members[0].role, "副主持人")

    def test_studio_texts_are_distinct(self):
        introductions = list(StudioPage.objects.values_list("introduction", flat=True))
        self.assertEqual(len(introductions), len(set(introductions)))
        philosophies = list(demo_studios().values_list("philosophy", flat=True))
        self.assertEqual(len(philosophies), len(set(philosophies)))

    def test_updates_have_images_and_spread_over_three_years(self):
        updates = StudioUpdatePage.objects.live().specific()
        self.assertGreaterEqual(updates.count(), 40)
        self.assertEqual({update.date.year for update in updates}, {2024, 2025, 2026})
        self.assertGreaterEqual(len({update.activity_kind for update in updates}), 8)
        for update in updates:
            with self.subTest(update=update.title):
                self.assertIsNotNone(update.cover)
                kinds = [block.block_type for block in update.body]
                self.assertIn("image", kinds)
                self.assertGreaterEqual(kinds.count("paragraph"), 2)
                self.assertIn("heading", kinds)
                self.assertIsInstance(update.get_parent().specific, StudioPage)
        self.assertTrue(any(update.gallery_images.exists() for update in updates))

    def test_orderable_children_are_in_their_listed_order(self):
        """Assigning a child list leaves ``sort_order`` empty (PostgreSQL then returns any order)."""
        from resources.models import ResourceFile
        from studios.models import StudioUpdateGalleryImage

        for model in (StudioMember, StudioUpdateGalleryImage, ResourceFile):
            with self.subTest(model=model.__name__):
                self.assertTrue(model.objects.exists())
                self.assertFalse(model.objects.filter(sort_order__isnull=True).exists())

    def test_update_page_shows_its_body(self):
        update = StudioUpdatePage.objects.live().first()
        response = self.client.get(update.url)
        self.assertEqual(response.status_code, 200)
        first_paragraph = next(block for block in update.body if block.block_type == "paragraph")
        self.assertContains(response, str(first_paragraph.value.source)[3:20])

    def test_home_page_features_demo_studios(self):
        featured = HomePage.objects.get().featured_studios.all()
        self.assertGreaterEqual(featured.count(), 4)
        self.assertTrue(all(studio.live for studio in featured))

    def test_admin_login_is_printed_and_works(self):
        self.assertIn("http://127.0.0.1:8000/admin/", self.output)
        self.assertIn("用户名：admin", self.output)
        password = self.output.split("密码：", 1)[1].split()[0]
        self.assertTrue(self.client.login(username="admin", password=password))
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_admin_search_and_reference_index_cover_the_demo(self):
        """load_demo defers Wagtail's per-save indexing (core/bulkload.py): done once at the end."""
        from wagtail.models import Page, ReferenceIndex

        update = StudioUpdatePage.objects.live().exclude(cover=None).first()
        self.assertIn(update.pk, [page.pk for page in Page.objects.search(update.title)])
        # the update's cover image is a recorded reference (usage count in the image admin)
        image_type = ReferenceIndex._get_base_content_type(get_image_model())
        self.assertTrue(
            ReferenceIndex.get_references_for_object(update).filter(
                to_content_type=image_type, to_object_id=str(update.cover_id)
            )
        )
        for studio in StudioPage.objects.live():
            self.assertIn(studio.pk, [page.pk for page in Page.objects.search(studio.title)])

    def test_demo_promotions_cover_every_level_and_record_who_made_them(self):
        from cases.models import CasePage

        promotions = Promotion.objects.all()
        self.assertEqual(set(promotions.values_list("level", flat=True)), {"school", "province", "ministry"})
        self.assertFalse(promotions.filter(created_by=None).exists())
        promoted_cases = CasePage.objects.exclude(promotion_level="none")
        self.assertGreater(promoted_cases.count(), 10)
        for case in promoted_cases:
            self.assertTrue(case.promotions.filter(level=case.promotion_level).exists(), case.title)

    def test_promoted_cards_show_what_the_promoting_body_wrote_about_each_case(self):
        """A 推荐意见 about that case, never the same sentence on two cards and never an import note."""
        from cases.models import CasePage

        case_promotions = Promotion.objects.filter(page__in=CasePage.objects.all())
        notes = list(case_promotions.values_list("note", flat=True))
        self.assertGreater(len(notes), 10)
        self.assertTrue(all(notes), "a demo case promotion without its 推荐意见")
        self.assertEqual(len(notes), len(set(notes)))
        self.assertFalse(Promotion.objects.filter(note__contains="导入").exists())
        response = self.client.get("/promoted/", {"level": "ministry"})
        html = response.content.decode()
        shown = [note for note in notes if note in html]
        self.assertTrue(shown)
        self.assertIn("推荐意见：", html)  # labelled as what it is, not a summary of the case
        self.assertNotIn("案例导入时标注的推介级别", html)

    def test_absolute_links_point_where_make_run_serves_the_demo(self):
        from wagtail.models import Site

        from cases.models import CasePage

        self.assertEqual(Site.objects.get(is_default_site=True).root_url, "http://127.0.0.1:8000")
        case = CasePage.objects.live().first()
        self.assertTrue(case.get_full_url().startswith("http://127.0.0.1:8000/"))
        response = self.client.get(case.url)
        self.assertContains(response, '<meta property="og:url" content="http://127.0.0.1:8000/studios/')

    def test_each_studios_pictures_and_files_are_in_its_own_collection(self):
        """Its editors choose and upload in that collection only (promotions.accounts)."""
        from wagtail.documents import get_document_model

        from cases.models import CasePage
        from resources.models import ResourcePage

        for studio in demo_studios().specific():
            collection_id = studio.space.collection_id
            with self.subTest(studio=studio.title):
                self.assertEqual(studio.host_photo.collection_id, collection_id)
                update = StudioUpdatePage.objects.child_of(studio).select_related("cover").first()
                self.assertEqual(update.cover.collection_id, collection_id)
                case = CasePage.objects.child_of(studio).exclude(cover=None).select_related("cover").first()
                if case is not None:
                    self.assertEqual(case.cover.collection_id, collection_id)
        resource = ResourcePage.objects.exclude(files=None).first()
        studio = resource.get_parent().specific
        documents = get_document_model().objects.filter(pk__in=resource.files.values("document"))
        self.assertEqual({d.collection_id for d in documents}, {studio.space.collection_id})

    def test_the_demo_editor_finds_the_studios_pictures_in_the_image_chooser(self):
        from promotions.demo import DEMO_STUDIO_SLUG

        studio = StudioPage.objects.get(slug=DEMO_STUDIO_SLUG)
        self.client.force_login(get_user_model().objects.get(username="demo_editor"))
        response = self.client.get("/admin/images/chooser/")
        self.assertEqual(response.status_code, 200)
        html = response.json()["html"]
        self.assertIn(studio.host_photo.title, html)
        self.assertNotIn("这里还没有图片", html)

    def test_the_case_editor_links_to_the_demo_case_writing_guide(self):
        from wagtail.models import Site

        from core.models import EditorGuidance

        guide = EditorGuidance.for_site(Site.objects.get(is_default_site=True)).case_writing_guide
        self.assertTrue(guide.live)
        self.assertEqual(guide.get_parent().title, "典型案例写作指南")

    def test_studios_run_a_year_and_one_is_accepted(self):
        """Plans with every task state, archives, self-evaluations and a finished 验收 (assessment.demo)."""
        self.assertEqual(AnnualPlan.objects.count(), 3)
        statuses = set(PlanTask.objects.filter(plan__studio__slug="qianxing").values_list("status", flat=True))
        self.assertEqual(statuses, {"open", "done", "dropped"})
        for task in PlanTask.objects.filter(status="done"):
            self.assertTrue(task.evidence_page_id or task.evidence_document_id, task.title)
        self.assertEqual(MemberArchive.objects.values("studio").distinct().count(), 3)
        accepted = AssessmentRound.objects.get(status="finished")
        self.assertEqual((accepted.studio.slug, accepted.kind, accepted.verdict), ("xinyu", "acceptance", "通过"))
        self.assertEqual(accepted.scores.filter(score__isnull=True).count(), 0)
        self.assertContains(self.client.get(accepted.studio.url), "省级验收通过（2025）")

    def test_running_twice_changes_no_counts(self):
        before = counts()
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        self.assertEqual(counts(), before)
        self.assertIn("新建工作室 0 个、工作动态 0 条", out.getvalue())
        self.assertIn("密码：", out.getvalue())
