// Package texttest helps the tests of every surface keep their message
// catalog whole: it finds the keys that code and templates ask the catalog
// for, so that a test can fail on a key the catalog lacks. It reads Go
// files with go/parser and templates with text/template/parse; it may
// import survey, nothing else of tandem.
package texttest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template/parse"

	"tandem/survey"
)

// Keys finds the literal keys that the Go files (tests left out) and the
// templates (*.html, in dir and its subfolders) under dir pass to the
// functions named in funcs: in Go every string literal argument of a call
// of such a function (msg(lang, "key"), b.t("key"), b.headers("a", "b")),
// in templates the first string argument of such a function ({{t .Lang
// "key"}}). Keys built at run time ("phase." + p) are not found; a test
// lists them itself. It returns each key with where it was found.
func Keys(dir string, funcs ...string) (map[string]string, error) {
	found := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && path != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata"):
			return filepath.SkipDir
		case d.IsDir():
			return nil
		case strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") && filepath.Dir(path) == dir:
			return goKeys(path, funcs, found)
		case strings.HasSuffix(path, ".html"):
			return templateKeys(path, funcs, found)
		}
		return nil
	})
	return found, err
}

// goKeys adds the keys of one Go file.
func goKeys(path string, funcs []string, found map[string]string) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || !slices.Contains(funcs, callee(call.Fun)) {
			return true
		}
		for _, a := range call.Args {
			if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if k, err := strconv.Unquote(lit.Value); err == nil {
					found[k] = fset.Position(lit.Pos()).String()
				}
			}
		}
		return true
	})
	return nil
}

// callee is the name a call is made by: f(...) or x.f(...).
func callee(fun ast.Expr) string {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// templateKeys adds the keys of one template file.
func templateKeys(path string, funcs []string, found map[string]string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	trees := map[string]*parse.Tree{}
	p := parse.New(path)
	p.Mode = parse.SkipFuncCheck // the page's functions are not known here
	if _, err := p.Parse(string(b), "{{", "}}", trees); err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	for _, tree := range trees {
		walk(tree.Root, func(c *parse.CommandNode) {
			if len(c.Args) == 0 {
				return
			}
			id, ok := c.Args[0].(*parse.IdentifierNode)
			if !ok || !slices.Contains(funcs, id.Ident) {
				return
			}
			for _, a := range c.Args[1:] {
				if s, ok := a.(*parse.StringNode); ok {
					found[s.Text] = fmt.Sprintf("%s (%s)", path, tree.Name)
					return
				}
			}
		})
	}
	return nil
}

// walk calls f on every command under n, nested pipelines included.
func walk(n parse.Node, f func(*parse.CommandNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walk(c, f)
			}
		}
	case *parse.ActionNode:
		walk(n.Pipe, f)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				walk(c, f)
			}
		}
	case *parse.CommandNode:
		f(n)
		for _, a := range n.Args {
			walk(a, f)
		}
	case *parse.IfNode:
		walkBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, f)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		walk(n.Pipe, f)
	}
}

func walkBranch(b *parse.BranchNode, f func(*parse.CommandNode)) {
	walk(b.Pipe, f)
	walk(b.List, f)
	walk(b.ElseList, f)
}

// Missing returns, sorted, each key of used that texts lacks, with where
// it is used.
func Missing(texts survey.Texts, used map[string]string) []string {
	var out []string
	for k, where := range used {
		if !texts.Has(k) {
			out = append(out, fmt.Sprintf("%q (%s)", k, where))
		}
	}
	slices.Sort(out)
	return out
}

// CheckUsed fails t for every key the code and templates under dir ask
// texts for (by the functions named in funcs) and texts lacks, and for
// every key of extra (keys the code builds at run time) it lacks.
func CheckUsed(t *testing.T, texts survey.Texts, dir string, funcs []string, extra ...string) {
	t.Helper()
	used, err := Keys(dir, funcs...)
	if err != nil {
		t.Fatal(err)
	}
	if len(used) == 0 {
		t.Fatalf("no key found under %s: the scan is broken", dir)
	}
	for _, k := range extra {
		used[k] = "built at run time"
	}
	for _, m := range Missing(texts, used) {
		t.Errorf("no text %s", m)
	}
}
