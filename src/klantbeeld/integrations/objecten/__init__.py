"""The Objecten API (Open Object, Objects API 2.x): a resident's klanttaken (cases.md C6334)
and productaanvragen, read by their BSN or KVK-nummer when the portal shows them."""
