"""A resident's future appointments from the municipality's appointment system (Qmatic
Orchestra's calendar), read when the portal shows them."""
