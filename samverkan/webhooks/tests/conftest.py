from samverkan.webhooks.tests.receiver import receiver

__all__ = ["receiver"]
