// tlogcheck checks Finsam's audit checkpoints and proofs with Go's own transparency-log code
// (golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog), an implementation Finsam did not write.
// It builds in GOPATH mode against Debian's golang-golang-x-mod-dev: nothing is downloaded.
//
// Input (stdin, JSON): the verifier key, checkpoint notes, and inclusion and consistency cases that refer to the
// checkpoints by their position. Output: one line per case, "<kind> <n> accepted" or "<kind> <n> refused: <why>".
// The C# test (IndependentCheckTests) decides what each answer should be.
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type input struct {
	VerifierKey string   `json:"verifierKey"`
	Origin      string   `json:"origin"`
	Checkpoints []string `json:"checkpoints"`
	Inclusion   []struct {
		Checkpoint int      `json:"checkpoint"`
		Index      int64    `json:"index"`
		Leaf       string   `json:"leaf"`
		Hashes     []string `json:"hashes"`
	} `json:"inclusion"`
	Consistency []struct {
		From   int      `json:"from"`
		To     int      `json:"to"`
		Hashes []string `json:"hashes"`
	} `json:"consistency"`
}

type head struct {
	size int64
	root tlog.Hash
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintln(os.Stderr, "reading the cases:", err)
		os.Exit(2)
	}
	verifier, err := note.NewVerifier(in.VerifierKey)
	if err != nil {
		fmt.Fprintln(os.Stderr, "the verifier key:", err)
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()

	heads := make([]*head, len(in.Checkpoints))
	for i, text := range in.Checkpoints {
		h, err := openCheckpoint(text, verifier, in.Origin)
		report(out, "checkpoint", i, err)
		heads[i] = h
	}
	for i, c := range in.Inclusion {
		report(out, "inclusion", i, checkInclusion(heads, c.Checkpoint, c.Index, c.Leaf, c.Hashes))
	}
	for i, c := range in.Consistency {
		report(out, "consistency", i, checkConsistency(heads, c.From, c.To, c.Hashes))
	}
}

// openCheckpoint verifies the note's signature with the published key and reads the c2sp.org/tlog-checkpoint text.
func openCheckpoint(text string, verifier note.Verifier, origin string) (*head, error) {
	n, err := note.Open([]byte(text), note.VerifierList(verifier))
	if err != nil {
		return nil, err
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 || lines[0] != origin {
		return nil, errors.New("not a checkpoint of this log")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 {
		return nil, errors.New("bad tree size")
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		return nil, err
	}
	return &head{size, root}, nil
}

func checkInclusion(heads []*head, checkpoint int, index int64, leaf string, hashes []string) error {
	h, err := known(heads, checkpoint)
	if err != nil {
		return err
	}
	data, err := base64.StdEncoding.DecodeString(leaf)
	if err != nil {
		return err
	}
	proof, err := parseProof(hashes)
	if err != nil {
		return err
	}
	return tlog.CheckRecord(tlog.RecordProof(proof), h.size, h.root, index, tlog.RecordHash(data))
}

func checkConsistency(heads []*head, from, to int, hashes []string) error {
	older, err := known(heads, from)
	if err != nil {
		return err
	}
	newer, err := known(heads, to)
	if err != nil {
		return err
	}
	proof, err := parseProof(hashes)
	if err != nil {
		return err
	}
	return tlog.CheckTree(tlog.TreeProof(proof), newer.size, newer.root, older.size, older.root)
}

func known(heads []*head, i int) (*head, error) {
	if i < 0 || i >= len(heads) || heads[i] == nil {
		return nil, errors.New("its checkpoint was refused")
	}
	return heads[i], nil
}

func parseProof(hashes []string) ([]tlog.Hash, error) {
	proof := make([]tlog.Hash, len(hashes))
	for i, s := range hashes {
		h, err := tlog.ParseHash(s)
		if err != nil {
			return nil, err
		}
		proof[i] = h
	}
	return proof, nil
}

func report(out *bufio.Writer, kind string, i int, err error) {
	if err != nil {
		fmt.Fprintf(out, "%s %d refused: %v\n", kind, i, err)
	} else {
		fmt.Fprintf(out, "%s %d accepted\n", kind, i)
	}
}
