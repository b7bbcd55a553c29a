"""The chatbot API (docs/chatbot.md): a chatbot holds, hands over and registers live
conversations; Klantbeeld passes the visitor's messages of its widget to the bot."""
