"""dutydesk: screening, risk identification and referrals for a Cafcass duty officer."""

__version__ = "0.1.0"
