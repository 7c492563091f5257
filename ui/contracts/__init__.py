"""The Contracts page (契約): the list, a contract's card and the contract editor."""
