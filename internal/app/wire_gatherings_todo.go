package app

import "errors"

// errCommitInTxTodo stands until commitment.Service.CreateInTx lands.
var errCommitInTxTodo = errors.New("app: commitments from gatherings are not wired yet")
