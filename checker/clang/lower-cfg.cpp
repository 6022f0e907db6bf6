/*
 * lower-cfg.cpp - one function body: Clang's CFG into lw_block, lw_event
 * and lw_edge, block for block and element for element.
 *
 * Blocks keep their CFG BlockIDs, so entry and exit are the CFG's.  The CFG
 * is built with every expression as its own element (setAllAlwaysAdd), so
 * walking the elements in order visits each subexpression where it is
 * evaluated; an element produces the events of its own node only
 * (lower-expr.cpp), never of its children.
 *
 * __attribute__((cleanup(f))): the one mechanism used on every supported
 * Clang is CFGLifetimeEnds (BuildOptions.AddLifetime, without
 * AddImplicitDtors, which would keep only C++ objects in the scopes).  Clang
 * 14 and 19 both put one LifetimeEnds element per local at every exit from
 * its scope (fall-through, return, goto, break, continue), in reverse
 * declaration order, and only for locals declared before the exit.  Clang
 * 19 also emits CFGCleanupFunction elements; they are ignored so that both
 * versions give the same IR.  A LifetimeEnds of a variable with a cleanup
 * attribute becomes CALL f(&var) flagged LW_CF_CLEANUP; its location is the
 * statement that leaves the scope (return, goto, break, continue, or the
 * closing brace of the block), else the variable's declaration.
 *
 * Must not: interpret calls or names, drop a construct silently.
 */
#include "lower.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtOpenMP.h"
#include "clang/Basic/Builtins.h"

#include <cstring>

using namespace clang;

namespace lwc {

FnLowerer::FnLowerer(Lowerer &L, const FunctionDecl *FD)
	: L(L), FD(FD), Ctx(L.Ctx)
{
}

const char *FnLowerer::str(llvm::StringRef s)
{
	char *p = A.Allocate<char>(s.size() + 1);
	memcpy(p, s.data(), s.size());
	p[s.size()] = 0;
	return p;
}

lw_path FnLowerer::ir(const Path &P)
{
	lw_path r;
	memset(&r, 0, sizeof(r));
	r.root_kind = P.rootKind;
	r.root = P.root;
	r.nsteps = (uint16_t)P.steps.size();
	if (!P.steps.empty()) {
		lw_step *s = A.Allocate<lw_step>(P.steps.size());
		std::copy(P.steps.begin(), P.steps.end(), s);
		r.steps = s;
	}
	return r;
}

lw_value FnLowerer::ir(const Value &V)
{
	lw_value r;
	memset(&r, 0, sizeof(r));
	r.kind = V.kind;
	r.k = V.k;
	r.path = ir(V.path);
	return r;
}

lw_event &FnLowerer::push(uint8_t kind, SourceLocation Loc)
{
	lw_event e;
	memset(&e, 0, sizeof(e));
	e.kind = kind;
	e.loc = L.loc(Loc);
	e.decl = -1;
	ev->push_back(e);
	return ev->back();
}

void FnLowerer::unknown(SourceLocation Loc, const char *what)
{
	lw_event &e = push(LW_EV_UNKNOWN, Loc);
	e.what = what;
}

/* The same walk as the lowering, so that an ACCESS ADDR can name the call
 * its address is passed to before that call's element is reached. */
void FnLowerer::numberCalls(const std::vector<const CFGBlock *> &order)
{
	for (const CFGBlock *B : order) {
		for (const CFGElement &El : *B) {
			if (auto S = El.getAs<CFGStmt>()) {
				const Stmt *St = S->getStmt();
				if ((isa<CallExpr>(St) || isa<AtomicExpr>(St)) &&
				    !callIds.count(St))
					callIds[St] = ++ncalls;
			} else if (auto LE = El.getAs<CFGLifetimeEnds>()) {
				if (LE->getVarDecl()->hasAttr<CleanupAttr>())
					cleanupIds.push_back(++ncalls);
			}
		}
	}
}

void FnLowerer::element(const CFGElement &El)
{
	if (auto S = El.getAs<CFGStmt>()) {
		stmt(S->getStmt());
		if (const auto *E = dyn_cast<Expr>(S->getStmt()))
			condArm(E);
	} else if (auto LE = El.getAs<CFGLifetimeEnds>()) {
		const VarDecl *VD = LE->getVarDecl();
		if (VD->hasAttr<CleanupAttr>())
			cleanup(VD, LE->getTriggerStmt());
	}
	/* Other kinds: CFGCleanupFunction (Clang >= 18, see the top of the
	 * file), scope and C++ destructor elements are not built with our
	 * options or carry nothing for C. */
}

void FnLowerer::stmt(const Stmt *S)
{
	switch (S->getStmtClass()) {
	case Stmt::DeclRefExprClass: {
		/* A function called, or taken as a callback: its body may be
		 * a deferred one (Lowerer::use).  A global: an ACCESS. */
		const auto *DR = cast<DeclRefExpr>(S);
		if (const auto *F = dyn_cast<FunctionDecl>(DR->getDecl()))
			L.use(F);
		else if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl()))
			globalAccess(DR, VD);
		return;
	}
	case Stmt::CallExprClass:
		call(cast<CallExpr>(S));
		return;
	case Stmt::AtomicExprClass:
		atomic(cast<AtomicExpr>(S));
		return;
	case Stmt::MemberExprClass:
		access(cast<MemberExpr>(S));
		return;
	case Stmt::BinaryOperatorClass:
	case Stmt::CompoundAssignOperatorClass:
		assign(cast<BinaryOperator>(S));
		return;
	case Stmt::UnaryOperatorClass:
		incdec(cast<UnaryOperator>(S));
		return;
	case Stmt::DeclStmtClass:
		decl(cast<DeclStmt>(S));
		return;
	case Stmt::ReturnStmtClass: {
		const ReturnStmt *RS = cast<ReturnStmt>(S);
		Value v = value(RS->getRetValue());
		lw_event &e = push(LW_EV_RETURN, RS->getReturnLoc());
		e.value = ir(v);
		return;
	}
	case Stmt::GCCAsmStmtClass:
	case Stmt::MSAsmStmtClass:
		lowered[S] = true;
		unknown(S->getBeginLoc(), "inline assembly");
		return;
	case Stmt::BlockExprClass:
		unknown(S->getBeginLoc(), "block literal (body not analysed)");
		return;
	case Stmt::CapturedStmtClass:
		unknown(S->getBeginLoc(), "captured statement (body not analysed)");
		return;
	default:
		if (isa<OMPExecutableDirective>(S))
			unknown(S->getBeginLoc(), "OpenMP directive (body not analysed)");
		/* Everything else (arithmetic, comparisons, casts, references,
		 * literals, statement expressions whose parts are elements of
		 * their own) has no effect the IR records. */
		return;
	}
}

void FnLowerer::cleanup(const VarDecl *VD, const Stmt *trigger)
{
	const FunctionDecl *CF = VD->getAttr<CleanupAttr>()->getFunctionDecl();
	SourceLocation Loc = VD->getLocation();
	if (trigger) {
		if (const auto *CS = dyn_cast<CompoundStmt>(trigger))
			Loc = CS->getRBracLoc();
		else if (isa<ReturnStmt>(trigger) || isa<GotoStmt>(trigger) ||
			 isa<BreakStmt>(trigger) || isa<ContinueStmt>(trigger))
			Loc = trigger->getBeginLoc();
	}
	Path P;
	P.rootKind = LW_ROOT_LOCAL;
	P.root = local(VD);
	Value arg;
	arg.kind = LW_VAL_ADDR;
	arg.path = P;
	lw_value *args = A.Allocate<lw_value>(1);
	args[0] = ir(arg);
	lw_event &e = push(LW_EV_CALL, Loc);
	e.id = nextCleanup < cleanupIds.size() ? cleanupIds[nextCleanup++] : ++ncalls;
	e.flags = LW_CF_CLEANUP;
	if (CF) {
		e.callee = L.intern(CF->getName());
		e.decl = L.fdecl(CF);
		if (CF->isNoReturn())
			e.flags |= LW_CF_NORETURN;
	} else {
		e.flags |= LW_CF_INDIRECT;
	}
	e.nargs = 1;
	e.args = args;
}

/* ---- edges ------------------------------------------------------------------ */

bool FnLowerer::condFact(const Expr *E, lw_cond &c)
{
	bool neg = false;
	for (;;) {
		E = E->IgnoreParens();
		if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
			if (UO->getOpcode() == UO_LNot) {
				neg = !neg;
				E = UO->getSubExpr();
				continue;
			}
			if (UO->getOpcode() == UO_Extension) {
				E = UO->getSubExpr();
				continue;
			}
		}
		if (const auto *IC = dyn_cast<ImplicitCastExpr>(E)) {
			CastKind K = IC->getCastKind();
			if (K == CK_IntegralToBoolean || K == CK_PointerToBoolean ||
			    K == CK_NoOp || K == CK_BitCast) {
				E = IC->getSubExpr();
				continue;
			}
		}
		/* ({ ...; e; }) has the value of e (GLib's atomics). */
		if (const auto *SE = dyn_cast<StmtExpr>(E)) {
			const CompoundStmt *CS = SE->getSubStmt();
			const Expr *Last = CS->body_empty() ? nullptr
					   : dyn_cast<Expr>(CS->body_back());
			if (!Last)
				return false;
			E = Last;
			continue;
		}
		/* __builtin_expect(e, k) has the value of e. */
		if (const auto *CE = dyn_cast<CallExpr>(E)) {
			unsigned id = CE->getBuiltinCallee();
			if ((id == Builtin::BI__builtin_expect ||
			     id == Builtin::BI__builtin_expect_with_probability) &&
			    CE->getNumArgs() >= 1) {
				E = CE->getArg(0);
				continue;
			}
		}
		break;
	}
	Value v;
	int64_t k = 0;
	uint8_t op = LW_COND_NE;
	const auto *BO = dyn_cast<BinaryOperator>(E);
	if (BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
		if (intConst(BO->getRHS(), k))
			v = value(BO->getLHS());
		else if (intConst(BO->getLHS(), k))
			v = value(BO->getRHS());
		else
			return false;
		op = BO->getOpcode() == BO_EQ ? LW_COND_EQ : LW_COND_NE;
	} else {
		v = value(E);
	}
	if (v.kind != LW_VAL_LOAD)
		return false;
	if (neg)
		op = op == LW_COND_EQ ? LW_COND_NE : LW_COND_EQ;
	memset(&c, 0, sizeof(c));
	c.op = op;
	c.k = k;
	c.val = ir(v);
	return true;
}

static lw_cond negate(lw_cond c)
{
	c.op = c.op == LW_COND_EQ ? LW_COND_NE : LW_COND_EQ;
	return c;
}

void FnLowerer::edges(const CFGBlock *B, std::vector<lw_edge> &out)
{
	llvm::SmallVector<const CFGBlock *, 4> succ;
	for (const CFGBlock::AdjacentBlock &S : B->succs())
		succ.push_back(S.getReachableBlock()); /* null: pruned edge */
	const Stmt *T = B->getTerminatorStmt();
	auto add = [&](const CFGBlock *To, const lw_cond *c) {
		for (lw_edge &e : out) {
			if (e.target == To->getBlockID()) {
				/* Two edges to one block: facts of neither hold. */
				e.nconds = 0;
				e.conds = nullptr;
				return;
			}
		}
		lw_edge e;
		memset(&e, 0, sizeof(e));
		e.target = To->getBlockID();
		if (c) {
			lw_cond *cc = A.Allocate<lw_cond>(1);
			*cc = *c;
			e.nconds = 1;
			e.conds = cc;
		}
		out.push_back(e);
	};

	/* Two-way branch on a condition: if, loops, ?:, && and ||.  The
	 * condition tested is the block's last element (for `a && b` the
	 * block of b ends in b, while the terminator's condition would be
	 * the whole `a && b`). */
	if (T && succ.size() == 2 && !isa<SwitchStmt>(T) &&
	    B->getTerminatorCondition() && !B->empty()) {
		lw_cond c;
		memset(&c, 0, sizeof(c));
		bool have = false;
		if (auto S = B->rbegin()->getAs<CFGStmt>())
			if (const auto *E = dyn_cast<Expr>(S->getStmt()))
				have = condFact(E, c);
		lw_cond f = negate(c);
		if (succ[0])
			add(succ[0], have ? &c : nullptr);
		if (succ[1])
			add(succ[1], have ? &f : nullptr);
		return;
	}

	/* switch: `case K:` edges know cond == K; default knows nothing. */
	if (T && isa<SwitchStmt>(T)) {
		const Expr *Cond = cast<SwitchStmt>(T)->getCond();
		Value v = value(Cond);
		for (const CFGBlock *To : succ) {
			if (!To)
				continue;
			const auto *CS = dyn_cast_or_null<CaseStmt>(To->getLabel());
			int64_t k;
			if (v.kind == LW_VAL_LOAD && CS && !CS->getRHS() &&
			    intConst(CS->getLHS(), k)) {
				lw_cond c;
				memset(&c, 0, sizeof(c));
				c.op = LW_COND_EQ;
				c.k = k;
				c.val = ir(v);
				add(To, &c);
			} else {
				add(To, nullptr);
			}
		}
		return;
	}

	for (const CFGBlock *To : succ)
		if (To)
			add(To, nullptr);
}

/* ---- the function ------------------------------------------------------------ */

void FnLowerer::run()
{
	Stmt *Body = FD->getBody();
	CFG::BuildOptions BO;
	BO.PruneTriviallyFalseEdges = true;
	BO.AddImplicitDtors = false;
	BO.AddLifetime = true;
	BO.setAllAlwaysAdd();
	std::unique_ptr<CFG> cfg = CFG::buildCFG(FD, Body, &Ctx, BO);

	lw_func fn;
	memset(&fn, 0, sizeof(fn));
	fn.name = L.intern(FD->getName());
	fn.loc = L.loc(FD->getLocation());
	fn.decl = (uint32_t)L.fdecl(FD);

	std::vector<std::vector<lw_event>> events;
	std::vector<std::vector<lw_edge>> succs;
	std::vector<lw_block> blocks;

	if (!cfg) {
		/* Clang could not build a CFG: one block that says so. */
		events.resize(2);
		succs.resize(2);
		ev = &events[1];
		unknown(Body->getBeginLoc(), "function body without a CFG");
		lw_edge e;
		memset(&e, 0, sizeof(e));
		e.target = 0;
		succs[1].push_back(e);
		fn.entry = 1;
		fn.exit = 0;
	} else {
		PM.reset(new ParentMap(Body));
		unsigned n = cfg->getNumBlockIDs();
		std::vector<const CFGBlock *> byId(n, nullptr);
		for (const CFGBlock *B : *cfg)
			byId[B->getBlockID()] = B;
		/* Entry has the highest id; walking ids downwards follows the
		 * source, which keeps call ids in reading order. */
		std::vector<const CFGBlock *> order;
		for (unsigned i = n; i-- > 0;)
			if (byId[i])
				order.push_back(byId[i]);
		numberCalls(order);
		events.resize(n);
		succs.resize(n);
		for (const CFGBlock *B : order) {
			ev = &events[B->getBlockID()];
			for (const CFGElement &El : *B)
				element(El);
			if (const Stmt *T = B->getTerminatorStmt()) {
				if (isa<IndirectGotoStmt>(T))
					unknown(T->getBeginLoc(), "computed goto");
				/* asm goto ends its block instead of being an
				 * element of it */
				if (isa<GCCAsmStmt>(T) && !lowered.count(T))
					unknown(T->getBeginLoc(), "inline assembly");
			}
			edges(B, succs[B->getBlockID()]);
		}
		fn.entry = cfg->getEntry().getBlockID();
		fn.exit = cfg->getExit().getBlockID();
	}

	blocks.resize(events.size());
	for (size_t i = 0; i < blocks.size(); i++) {
		memset(&blocks[i], 0, sizeof(blocks[i]));
		blocks[i].nevents = (uint32_t)events[i].size();
		blocks[i].events = events[i].empty() ? nullptr : events[i].data();
		blocks[i].nsucc = (uint32_t)succs[i].size();
		blocks[i].succ = succs[i].empty() ? nullptr : succs[i].data();
	}
	fn.nlocals = (uint32_t)locals.size();
	fn.locals = locals.empty() ? nullptr : locals.data();
	fn.nblocks = (uint32_t)blocks.size();
	fn.blocks = blocks.data();
	fn.ncalls = ncalls;
	lw_tu_add_func(L.tu, &fn);
}

} // namespace lwc
