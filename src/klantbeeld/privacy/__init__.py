"""The privacy adapter: the log of every processing of personal data (verwerkingenlogging,
modelled on the VNG Verwerkingenlogging API), so a resident can be told who looked at their
data, when and why."""
