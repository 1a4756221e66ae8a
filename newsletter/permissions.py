from wagtail.permission_policies import ModelPermissionPolicy


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, except that nobody adds a subscriber by hand: each one
    comes from the signup form, with that person's own consent."""

    refused = {"add"}

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) - self.refused)
