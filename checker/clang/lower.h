/*
 * lower.h - internal interface of the Clang adapter (checker/clang/ only).
 *
 * The adapter translates Clang's AST and CFG into the core's IR (ir.h) and
 * the core's findings back into Clang diagnostics.  It must not decide
 * anything: no lock or blocking function names, no check logic.  What it does
 * not understand becomes an LW_EV_UNKNOWN event with a location and a short
 * `what`, never silence.  The IR it produces is described in docs/ir.md.
 *
 *   plugin.cpp       the PluginASTAction, options, suppression comments,
 *                    the diagnostic sink
 *   lower-decls.cpp  files and locations, types, records, globals, function
 *                    declarations, annotation strings; walks the TU once
 *   lower-cfg.cpp    one function body: CFG -> blocks, events, edges
 *   lower-expr.cpp   expressions -> lock paths and values; access modes
 */
#ifndef LW_CLANG_LOWER_H
#define LW_CLANG_LOWER_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Allocator.h"

#include <algorithm>
#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

/* The core's headers are C11.  arena.h spells `_Noreturn`, which clang++
 * accepts as an extension and g++ does not. */
#if defined(__cplusplus) && !defined(__clang__) && !defined(_Noreturn)
#define _Noreturn [[noreturn]]
#endif
extern "C" {
#include "analyze.h"
#include "diag.h"
#include "ir.h"
#include "options.h"
}

namespace lwc {

/* ---- files and locations (lower-decls.cpp) ------------------------------- */

/* Maps Clang locations to lw_loc (expansion locations: a macro use is where
 * the user wrote it) and back.  Lives from CreateASTConsumer on, because
 * suppression comments arrive while the file is being lexed. */
class Files {
public:
	Files(clang::SourceManager &SM, lw_tu *tu) : SM(SM), tu(tu) {}
	lw_loc loc(clang::SourceLocation L);
	uint32_t fileId(clang::FileID FID);
	clang::SourceLocation toClang(const lw_loc &l) const;
	bool inSystemHeader(clang::SourceLocation L) const;
	clang::SourceManager &SM;
	lw_tu *tu;

private:
	std::unordered_map<unsigned, uint32_t> ids; /* FileID hash -> lw file */
	mutable std::vector<clang::FileID> back;    /* lw file -> FileID */
};

/* ---- internal path and value form (ir.h's, before copying) --------------- */

struct Path {
	uint8_t rootKind = LW_ROOT_NONE;
	uint32_t root = 0;
	llvm::SmallVector<lw_step, 4> steps;
	bool valid() const { return rootKind != LW_ROOT_NONE; }
	bool endsIn(uint8_t kind) const
	{
		return !steps.empty() && steps.back().kind == kind;
	}
};

struct Value {
	uint8_t kind = LW_VAL_UNKNOWN;
	int64_t k = 0;
	Path path;
};

/* ---- the TU (lower-decls.cpp) -------------------------------------------- */

/* What the sidecars annotate by name: the lowering registers these as if
 * the source annotated them. */
struct SidecarNames {
	llvm::StringSet<> owners; /* structs with field entries */
	llvm::StringSet<> functions;
	llvm::StringSet<> globals;
};

class Lowerer {
public:
	Lowerer(clang::ASTContext &Ctx, Files &F, const SidecarNames &names);

	/* Walks the TU's declarations once: records, globals, function
	 * declarations, stray annotations; then lowers every function body
	 * that is not in a system header.  A static function defined in a
	 * header (GLib's and the project's g_autoptr helpers, inline
	 * casts: hundreds per unit) is lowered only if the unit uses it. */
	void run();
	/* FD is called, referenced or registered: a deferred body is due. */
	void use(const clang::FunctionDecl *FD);
	/* use() for every function S refers to (initializers not lowered
	 * as code). */
	void useIn(const clang::Stmt *S);
private:
	void fnStoresIn(const clang::Expr *Init, clang::QualType T);
public:
	/* A global whose uses get ACCESS events: not a system header's
	 * (stdout, environ), unless a sidecar names it. */
	bool watchedGlobal(const clang::VarDecl *VD) const;

	lw_str intern(llvm::StringRef s);
	lw_loc loc(clang::SourceLocation L) { return F.loc(L); }

	/* Memoised: equal types give the same pointer. */
	const lw_type *type(clang::QualType T);
	/* Tag name, typedef name of an anonymous record, or
	 * "(anonymous struct at FILE:LINE)". */
	lw_str recordName(const clang::RecordDecl *RD);
	/* The record a field's FIELD step names: anonymous struct/union
	 * members belong to the enclosing named record (C11 6.7.2.1p13). */
	lw_str fieldRecord(const clang::FieldDecl *FD);
	/* Index of the merged lw_fdecl, registered on first use. */
	int32_t fdecl(const clang::FunctionDecl *FD);
	/* Registers the global (merged over redeclarations) on first use. */
	void global(const clang::VarDecl *VD);
	/* Calls one(field, initializer) for each field an initializer list
	 * of RD initializes (a union's one member; not unnamed bit-fields). */
	static void eachFieldInit(const clang::RecordDecl *RD, const clang::InitListExpr *ILE,
				  llvm::function_ref<void(const clang::FieldDecl *,
							  const clang::Expr *)> one);
	/* The function E refers to (f, &f, (cast)f), or null. */
	static const clang::FunctionDecl *functionRef(const clang::Expr *E);
	/* The functions a static initializer of type T stores into fields
	 * (at any nesting) or into the variable VD itself: lw_fnstore rows,
	 * so that calls through those fields and variables find them. */
	void fnStores(const clang::VarDecl *VD);
	/* Appends A's text to out unless it is there already; store owns
	 * the strings until they are copied. */
	void addAnnot(const clang::AnnotateAttr *A, std::vector<lw_annot_src> &out,
		      std::deque<std::string> &store);
	/* Appends D's lockwarden:* annotations to out (addAnnot). */
	void annots(const clang::Decl *D, std::vector<lw_annot_src> &out,
		    std::deque<std::string> &store);
	/* The LW_BLOCKING/LW_NONBLOCKING of the function typedef T names,
	 * appended to out; whether there are any. */
	void typeAnnots(clang::QualType T, std::vector<lw_annot_src> &out,
			std::deque<std::string> &store);
	bool typeAnnotated(clang::QualType T) const;
	/* Reports every lockwarden:* annotation on D as stray. */
	/* allowed: annotations that are not stray here (NULL: none) */
	void stray(const clang::Decl *D, const char *where,
		   bool (*allowed)(llvm::StringRef) = nullptr);

	clang::ASTContext &Ctx;
	clang::SourceManager &SM;
	lw_tu *tu;

private:
	void walk(clang::DeclContext *DC);
	/* Records are registered, with their fields, only when an annotation
	 * may need them: one with an annotated field or a sidecar entry,
	 * and every record a registered thing's type reaches (lock
	 * expressions follow fields and parameters' types). */
	bool annotated(const clang::RecordDecl *RD) const;
	void record(const clang::RecordDecl *RD);
	void require(clang::QualType T); /* the record T leads to, if any */
	void flushRecords();
	void fields(const clang::RecordDecl *RD, std::vector<lw_field> &out,
		    std::deque<std::vector<lw_annot_src>> &lists,
		    std::deque<std::string> &store);

	Files &F;
	const SidecarNames &names;
	llvm::DenseMap<const void *, const lw_type *> typeMemo;     /* QualType */
	llvm::DenseMap<const void *, const lw_type *> recTypeMemo;  /* RecordDecl */
	std::map<std::pair<const lw_type *, int>, const lw_type *> ptrMemo;
	std::map<const lw_type *, const lw_type *> arrMemo;
	std::map<std::string, const lw_type *> otherMemo;
	llvm::DenseMap<const clang::RecordDecl *, lw_str> recNames;
	llvm::DenseMap<const clang::RecordDecl *, bool> recDone;
	std::vector<const clang::RecordDecl *> recQueue;
	llvm::DenseMap<const clang::FunctionDecl *, int32_t> fdecls;
	llvm::DenseMap<const clang::VarDecl *, bool> globals;
	std::vector<const clang::FunctionDecl *> bodies;
	/* Header static functions not used yet: canonical decl -> body. */
	llvm::DenseMap<const clang::FunctionDecl *, const clang::FunctionDecl *> deferred;
};

/* ---- one function body (lower-cfg.cpp, lower-expr.cpp) ------------------- */

class FnLowerer {
public:
	FnLowerer(Lowerer &L, const clang::FunctionDecl *FD);
	/* Builds the CFG and hands the function to lw_tu_add_func. */
	void run();

private:
	/* lower-cfg.cpp */
	void numberCalls(const std::vector<const clang::CFGBlock *> &order);
	void element(const clang::CFGElement &E);
	void stmt(const clang::Stmt *S);
	void cleanup(const clang::VarDecl *VD, const clang::Stmt *trigger);
	void edges(const clang::CFGBlock *B, std::vector<lw_edge> &out);
	bool condFact(const clang::Expr *E, lw_cond &c);

	/* lower-expr.cpp */
	bool pathOf(const clang::Expr *E, Path &P); /* lvalue -> path */
	Value value(const clang::Expr *E);           /* rvalue -> value */
	bool intConst(const clang::Expr *E, int64_t &k); /* ICE or NULL */
	bool derefOf(const Value &V, Path &P);
	bool varRoot(const clang::VarDecl *VD, Path &P);
	uint32_t newLocal(llvm::StringRef name, clang::QualType T, clang::SourceLocation Loc);
	uint32_t local(const clang::VarDecl *VD);
	uint32_t condLocal(const clang::ConditionalOperator *CO);
	void condArm(const clang::Expr *E);
	void call(const clang::CallExpr *CE);
	void atomic(const clang::AtomicExpr *AE);
	void access(const clang::MemberExpr *ME);
	void globalAccess(const clang::DeclRefExpr *DR, const clang::VarDecl *VD);
	void accessEvent(const clang::Expr *E, const Path &P, clang::QualType declared,
			 clang::SourceLocation Loc);
	void assign(const clang::BinaryOperator *BO);
	void incdec(const clang::UnaryOperator *UO);
	void decl(const clang::DeclStmt *DS);
	void initFields(const Path &base, const clang::InitListExpr *ILE);
	Path resultDest(const clang::Expr *E);
	bool resultUnused(const clang::Expr *E);

	struct Use {
		uint8_t mode = LW_ACC_READ;
		uint16_t flags = 0;
		const clang::Expr *stored = nullptr; /* WRITE: the RHS */
		uint32_t callId = 0;                 /* ADDR */
	};
	Use useOfLvalue(const clang::Expr *E);
	Use useOfAddress(const clang::Expr *E);
	const clang::Stmt *parent(const clang::Stmt *S) const
	{
		return PM ? PM->getParent(S) : nullptr;
	}

	/* event construction */
	lw_event &push(uint8_t kind, clang::SourceLocation L);
	void unknown(clang::SourceLocation L, const char *what);
	lw_path ir(const Path &P);
	lw_value ir(const Value &V);
	const char *str(llvm::StringRef s);

	Lowerer &L;
	const clang::FunctionDecl *FD;
	clang::ASTContext &Ctx;
	std::unique_ptr<clang::ParentMap> PM;
	llvm::BumpPtrAllocator A; /* steps, args, strings until add_func */
	std::vector<lw_var> locals;
	llvm::DenseMap<const clang::VarDecl *, uint32_t> localIdx;
	llvm::DenseMap<const clang::ConditionalOperator *, uint32_t> condIdx;
	llvm::DenseMap<const clang::Stmt *, uint32_t> callIds;
	std::vector<uint32_t> cleanupIds; /* in element order */
	size_t nextCleanup = 0;
	llvm::DenseMap<const clang::Stmt *, bool> lowered;
	uint32_t ncalls = 0;
	std::vector<lw_event> *ev = nullptr; /* the block being lowered */
};

/* The name of a builtin atomic operation as the user spells it. */
const char *atomicName(const clang::AtomicExpr *AE);
/* AtomicExpr operands in the order the user writes them. */
void atomicArgs(const clang::AtomicExpr *AE,
		llvm::SmallVectorImpl<const clang::Expr *> &out);

} // namespace lwc

#endif /* LW_CLANG_LOWER_H */
