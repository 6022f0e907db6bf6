/*
 * lower-expr.cpp - expressions into lock paths, values and the events of a
 * single CFG element (CALL, ACCESS, ASSIGN).
 *
 * Paths:  x -> root;  b->f -> path(b) DEREF FIELD;  b.f -> path(b) FIELD;
 *         *p, p[i] -> path(p) DEREF;  f().x -> RESULT(f) FIELD.
 * Values: loads, &lvalue, call results, integer constants (NULL is 0);
 *         parens, implicit casts and pointer/integer casts are looked
 *         through; anything else is UNKNOWN.
 * An ACCESS gets its mode from the MemberExpr's parents (ParentMap): the
 * left side of `=` is a WRITE, of `op=`/++/-- an RMW, `&` an ADDR (unless
 * it is dereferenced again, as in `*(volatile T *)&d->p`), a `.` inherits
 * the mode of the outer member, anything else is a READ.
 *
 * Must not: know any function by name, or decide what an access means.
 */
#include "lower.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Builtins.h"

#include <cstring>

using namespace clang;

namespace lwc {

/* ---- atomic builtins ---------------------------------------------------------- */

const char *atomicName(const AtomicExpr *AE)
{
	switch (AE->getOp()) {
#define BUILTIN(ID, TYPE, ATTRS)
#define ATOMIC_BUILTIN(ID, TYPE, ATTRS)                                        \
	case AtomicExpr::AO##ID:                                               \
		return #ID;
#if CLANG_VERSION_MAJOR >= 19
#include "clang/Basic/Builtins.inc"
#else
#include "clang/Basic/Builtins.def"
#endif
	}
	return "__atomic_unknown";
}

/*
 * AtomicExpr keeps its operands as PTR, ORDER, VAL1, ORDER_FAIL, VAL2, WEAK
 * (then the scope, if any); the user writes ptr, val1, val2, weak, order,
 * order_fail.  Which ones exist depends only on their number, so the
 * permutation needs no list of operations (cf. StmtPrinter::VisitAtomicExpr).
 */
void atomicArgs(const AtomicExpr *AE, llvm::SmallVectorImpl<const Expr *> &out)
{
	const Expr *const *s = AE->getSubExprs();
	unsigned n = AE->getNumSubExprs();
	bool scoped = (bool)AE->getScopeModel();
	unsigned m = scoped ? n - 1 : n;
	static const unsigned order2[] = {0, 1};          /* load; c11 init */
	static const unsigned order3[] = {0, 2, 1};       /* store, fetch_op */
	static const unsigned order4[] = {0, 2, 3, 1};    /* __atomic_exchange */
	static const unsigned order5[] = {0, 2, 4, 1, 3}; /* c11 cmpxchg */
	static const unsigned order6[] = {0, 2, 4, 5, 1, 3};
	const unsigned *ord = nullptr;
	switch (m) {
	case 2: ord = order2; break;
	case 3: ord = order3; break;
	case 4: ord = order4; break;
	case 5: ord = order5; break;
	case 6: ord = order6; break;
	}
	for (unsigned i = 0; i < m; i++)
		out.push_back(s[ord ? ord[i] : i]);
	if (scoped)
		out.push_back(s[n - 1]);
}

/* ---- roots, paths, values ----------------------------------------------------- */

uint32_t FnLowerer::newLocal(llvm::StringRef name, QualType T, SourceLocation Loc)
{
	lw_var v;
	v.name = L.intern(name);
	v.type = L.type(T);
	v.loc = L.loc(Loc);
	locals.push_back(v);
	return (uint32_t)locals.size() - 1;
}

uint32_t FnLowerer::local(const VarDecl *VD)
{
	auto it = localIdx.find(VD);
	if (it != localIdx.end())
		return it->second;
	uint32_t idx = newLocal(VD->getName(), VD->getType(), VD->getLocation());
	localIdx[VD] = idx;
	return idx;
}

/* The value of `c ? a : b` lives in a local of its own, named "?:", which
 * each arm's block assigns (condArm): the facts about the value then follow
 * the branch taken, so a try-lock's result mapped to 1 and 0 keeps its
 * meaning. */
uint32_t FnLowerer::condLocal(const ConditionalOperator *CO)
{
	auto it = condIdx.find(CO);
	if (it != condIdx.end())
		return it->second;
	uint32_t idx = newLocal("?:", CO->getType(), CO->getQuestionLoc());
	condIdx[CO] = idx;
	return idx;
}

/* E, just lowered, is an arm of a ?: whose value is used: ASSIGN it. */
void FnLowerer::condArm(const Expr *E)
{
	const Stmt *Cur = E;
	const Stmt *P = parent(Cur);
	while (P && isa<ParenExpr>(P)) {
		Cur = P;
		P = parent(P);
	}
	const auto *CO = dyn_cast_or_null<ConditionalOperator>(P);
	if (!CO || (CO->getTrueExpr() != Cur && CO->getFalseExpr() != Cur) ||
	    CO->getType()->isVoidType() || resultUnused(CO))
		return;
	Path D;
	D.rootKind = LW_ROOT_LOCAL;
	D.root = condLocal(CO);
	lw_path path = ir(D);
	lw_value val = ir(value(E));
	lw_event &e = push(LW_EV_ASSIGN, E->getBeginLoc());
	e.path = path;
	e.value = val;
}

bool FnLowerer::varRoot(const VarDecl *VD, Path &P)
{
	P = Path();
	if (const auto *PV = dyn_cast<ParmVarDecl>(VD)) {
		if (PV->getDeclContext() != FD)
			return false;
		P.rootKind = LW_ROOT_PARAM;
		P.root = PV->getFunctionScopeIndex();
		return true;
	}
	if (VD->hasGlobalStorage() && !VD->isStaticLocal()) {
		L.global(VD);
		P.rootKind = LW_ROOT_GLOBAL;
		P.root = L.intern(VD->getName());
		return true;
	}
	/* Automatic and function-static locals. */
	P.rootKind = LW_ROOT_LOCAL;
	P.root = local(VD);
	return true;
}

bool FnLowerer::derefOf(const Value &V, Path &P)
{
	if (V.kind == LW_VAL_LOAD) {
		P = V.path;
		lw_step s;
		memset(&s, 0, sizeof(s));
		s.kind = LW_STEP_DEREF;
		P.steps.push_back(s);
		return true;
	}
	if (V.kind == LW_VAL_ADDR) { /* *&x is x */
		P = V.path;
		return true;
	}
	return false;
}

bool FnLowerer::intConst(const Expr *E, int64_t &k)
{
	if (!E || E->isValueDependent())
		return false;
	if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
	    Expr::NPCK_NotNull) {
		k = 0;
		return true;
	}
	if (!E->getType()->isIntegralOrEnumerationType())
		return false;
	auto V = E->getIntegerConstantExpr(Ctx);
	if (!V || V->getActiveBits() > 64)
		return false;
	k = V->isSigned() ? V->getSExtValue() : (int64_t)V->getZExtValue();
	return true;
}

static bool isExpectBuiltin(const CallExpr *CE)
{
	unsigned id = CE->getBuiltinCallee();
	return (id == Builtin::BI__builtin_expect ||
		id == Builtin::BI__builtin_expect_with_probability) &&
	       CE->getNumArgs() >= 1;
}

bool FnLowerer::pathOf(const Expr *E, Path &P)
{
	E = E->IgnoreParens();
	if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
		if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl()))
			return varRoot(VD, P);
		return false;
	}
	if (const auto *ME = dyn_cast<MemberExpr>(E)) {
		const auto *Fld = dyn_cast<FieldDecl>(ME->getMemberDecl());
		if (!Fld)
			return false;
		if (ME->isArrow()) {
			if (!derefOf(value(ME->getBase()), P))
				return false;
		} else if (!pathOf(ME->getBase(), P)) {
			/* A struct returned by a call: its result slot. */
			const Expr *B = ME->getBase()->IgnoreParens();
			uint32_t id = callIds.lookup(B);
			if (!id)
				return false;
			P = Path();
			P.rootKind = LW_ROOT_RESULT;
			P.root = id;
		}
		/* Anonymous struct/union members add no step: their fields
		 * are fields of the enclosing record (lower-decls.cpp). */
		if (!Fld->isAnonymousStructOrUnion()) {
			lw_step s;
			memset(&s, 0, sizeof(s));
			s.kind = LW_STEP_FIELD;
			s.flags = Fld->getParent()->isUnion() ? LW_SF_UNION : 0;
			s.record = L.fieldRecord(Fld);
			s.field = L.intern(Fld->getName());
			P.steps.push_back(s);
		}
		return true;
	}
	if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
		if (UO->getOpcode() == UO_Deref)
			return derefOf(value(UO->getSubExpr()), P);
		if (UO->getOpcode() == UO_Extension)
			return pathOf(UO->getSubExpr(), P);
		return false;
	}
	if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
		return derefOf(value(AS->getBase()), P);
	if (const auto *IC = dyn_cast<ImplicitCastExpr>(E))
		if (IC->getCastKind() == CK_NoOp || IC->getCastKind() == CK_LValueBitCast)
			return pathOf(IC->getSubExpr(), P);
	if (const auto *FE = dyn_cast<FullExpr>(E))
		return pathOf(FE->getSubExpr(), P);
	if (const auto *OV = dyn_cast<OpaqueValueExpr>(E))
		return OV->getSourceExpr() && pathOf(OV->getSourceExpr(), P);
	return false;
}

Value FnLowerer::value(const Expr *E)
{
	Value v;
	if (!E)
		return v;
	E = E->IgnoreParens();
	if (const FunctionDecl *Fn = Lowerer::functionRef(E)) {
		/* f, &f, (cb_t)f: the function itself, a possible callee of
		 * whatever pointer it is stored in or passed as */
		L.use(Fn);
		v.kind = LW_VAL_FUNC;
		v.k = L.fdecl(Fn);
		return v;
	}
	int64_t k;
	if (intConst(E, k)) {
		v.kind = LW_VAL_INT;
		v.k = k;
		return v;
	}
	if (const auto *CE = dyn_cast<CastExpr>(E)) {
		switch (CE->getCastKind()) {
		case CK_LValueToRValue:
		case CK_ArrayToPointerDecay:
			/* An array decays to the "pointer" whose DEREF is any
			 * element, matching a[i] -> path(a) DEREF. */
			if (pathOf(CE->getSubExpr(), v.path))
				v.kind = LW_VAL_LOAD;
			else
				v.path = Path();
			return v;
		case CK_NoOp:
		case CK_BitCast:
		case CK_IntegralCast:
		case CK_IntegralToPointer:
		case CK_NullToPointer:
		case CK_PointerToIntegral:
		case CK_IntegralToBoolean:
		case CK_PointerToBoolean:
		case CK_AtomicToNonAtomic:
		case CK_NonAtomicToAtomic:
			return value(CE->getSubExpr());
		default:
			return v;
		}
	}
	if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
		if (UO->getOpcode() == UO_AddrOf) {
			Path P;
			if (!pathOf(UO->getSubExpr(), P))
				return v;
			if (P.endsIn(LW_STEP_DEREF)) { /* &*p is p */
				P.steps.pop_back();
				v.kind = LW_VAL_LOAD;
			} else {
				v.kind = LW_VAL_ADDR;
			}
			v.path = P;
			return v;
		}
		if (UO->getOpcode() == UO_Extension)
			return value(UO->getSubExpr());
		return v;
	}
	if (const auto *CE = dyn_cast<CallExpr>(E)) {
		if (isExpectBuiltin(CE))
			return value(CE->getArg(0));
	}
	if (isa<CallExpr>(E) || isa<AtomicExpr>(E)) {
		if (uint32_t id = callIds.lookup(E)) {
			v.kind = LW_VAL_LOAD;
			v.path.rootKind = LW_ROOT_RESULT;
			v.path.root = id;
		}
		return v;
	}
	if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
		switch (BO->getOpcode()) {
		case BO_Comma:
			return value(BO->getRHS());
		case BO_Assign: {
			Path P;
			if (pathOf(BO->getLHS(), P)) {
				v.kind = LW_VAL_LOAD;
				v.path = P;
				return v;
			}
			return value(BO->getRHS());
		}
		case BO_Add:
		case BO_Sub:
			/* Pointer arithmetic stays within the object, as a[i]
			 * does (all elements alike). */
			if (BO->getType()->isPointerType()) {
				if (BO->getLHS()->getType()->isPointerType())
					return value(BO->getLHS());
				if (BO->getRHS()->getType()->isPointerType())
					return value(BO->getRHS());
			}
			return v;
		default:
			return v;
		}
	}
	if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
		if (CO->getType()->isVoidType())
			return v;
		v.kind = LW_VAL_LOAD;
		v.path.rootKind = LW_ROOT_LOCAL;
		v.path.root = condLocal(CO);
		return v;
	}
	if (const auto *SE = dyn_cast<StmtExpr>(E)) {
		const CompoundStmt *CS = SE->getSubStmt();
		if (!CS->body_empty())
			if (const auto *Last = dyn_cast<Expr>(CS->body_back()))
				return value(Last);
		return v;
	}
	/* A member of a struct rvalue (`f().x`) is itself an rvalue: no
	 * LValueToRValue cast above it. */
	if (isa<MemberExpr>(E) && !E->isGLValue()) {
		if (pathOf(E, v.path))
			v.kind = LW_VAL_LOAD;
		else
			v.path = Path();
		return v;
	}
	if (const auto *CH = dyn_cast<ChooseExpr>(E))
		return value(CH->getChosenSubExpr());
	if (const auto *GS = dyn_cast<GenericSelectionExpr>(E))
		return GS->isResultDependent() ? v : value(GS->getResultExpr());
	if (const auto *FE = dyn_cast<FullExpr>(E))
		return value(FE->getSubExpr());
	if (const auto *OV = dyn_cast<OpaqueValueExpr>(E))
		return value(OV->getSourceExpr());
	return v;
}

/* ---- uses of an lvalue ------------------------------------------------------- */

FnLowerer::Use FnLowerer::useOfLvalue(const Expr *E)
{
	Use u;
	const Expr *Cur = E;
	for (;;) {
		const Stmt *P = parent(Cur);
		if (!P)
			return u;
		if (isa<ParenExpr>(P) || isa<FullExpr>(P)) {
			Cur = cast<Expr>(P);
			continue;
		}
		if (const auto *IC = dyn_cast<ImplicitCastExpr>(P)) {
			switch (IC->getCastKind()) {
			case CK_ArrayToPointerDecay:
				return useOfAddress(IC);
			case CK_NoOp:
			case CK_LValueBitCast:
				Cur = IC;
				continue;
			default: /* LValueToRValue and the rest */
				return u;
			}
		}
		if (const auto *ME = dyn_cast<MemberExpr>(P)) {
			if (ME->isArrow() || ME->getBase() != Cur)
				return u;
			/* `x.f` uses x as f is used; the stored value is f's. */
			Use outer = useOfLvalue(ME);
			outer.stored = nullptr;
			return outer;
		}
		if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
			if (BO->getLHS() == Cur) {
				if (BO->getOpcode() == BO_Assign) {
					u.mode = LW_ACC_WRITE;
					u.stored = BO->getRHS();
				} else if (BO->isCompoundAssignmentOp()) {
					u.mode = LW_ACC_RMW;
				}
			}
			return u;
		}
		if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
			if (UO->isIncrementDecrementOp()) {
				u.mode = LW_ACC_RMW;
				return u;
			}
			if (UO->getOpcode() == UO_AddrOf)
				return useOfAddress(UO);
			if (UO->getOpcode() == UO_Extension) {
				Cur = UO;
				continue;
			}
			return u;
		}
		return u;
	}
}

/* A is a pointer to the lvalue: `&x`, or an array that decayed. */
FnLowerer::Use FnLowerer::useOfAddress(const Expr *A)
{
	Use u;
	u.mode = LW_ACC_ADDR;
	bool vol = false;
	const Expr *Cur = A;
	for (;;) {
		const Stmt *P = parent(Cur);
		if (!P)
			return u;
		if (isa<ParenExpr>(P) || isa<FullExpr>(P)) {
			Cur = cast<Expr>(P);
			continue;
		}
		if (const auto *CE = dyn_cast<CastExpr>(P)) {
			if (CE->getCastKind() != CK_NoOp && CE->getCastKind() != CK_BitCast)
				return u; /* to an integer, to void, ...: escapes */
			QualType T = CE->getType();
			if (T->isPointerType() && T->getPointeeType().isVolatileQualified())
				vol = true;
			Cur = CE;
			continue;
		}
		/* Dereferenced again: the same lvalue, used as that is used
		 * (READ_ONCE / WRITE_ONCE through a volatile cast). */
		const Expr *Again = nullptr;
		if (const auto *UO = dyn_cast<UnaryOperator>(P))
			if (UO->getOpcode() == UO_Deref)
				Again = UO;
		if (const auto *AS = dyn_cast<ArraySubscriptExpr>(P))
			if (AS->getBase() == Cur)
				Again = AS;
		if (const auto *ME = dyn_cast<MemberExpr>(P))
			if (ME->isArrow() && ME->getBase() == Cur)
				Again = ME;
		if (Again) {
			Use w = useOfLvalue(Again);
			if (isa<MemberExpr>(Again))
				w.stored = nullptr;
			if (vol || Again->getType().isVolatileQualified())
				w.flags |= LW_AF_VOLATILE;
			return w;
		}
		if (const auto *CE = dyn_cast<CallExpr>(P)) {
			for (unsigned i = 0; i < CE->getNumArgs(); i++) {
				if (CE->getArg(i) != Cur)
					continue;
				u.callId = callIds.lookup(CE);
				QualType CT = CE->getCallee()->getType();
				if (const auto *PT = CT->getAs<PointerType>())
					CT = PT->getPointeeType();
				const auto *FP = CT->getAs<FunctionProtoType>();
				if (FP && i < FP->getNumParams()) {
					QualType PT = FP->getParamType(i);
					if (PT->isPointerType() &&
					    PT->getPointeeType().isConstQualified())
						u.flags |= LW_AF_CONST_ARG;
				}
			}
			return u;
		}
		if (const auto *AE = dyn_cast<AtomicExpr>(P)) {
			if (AE->getPtr() == Cur)
				u.callId = callIds.lookup(AE);
			return u;
		}
		return u;
	}
}

/* Is the value of E thrown away: an expression statement, `(void)f()`, the
 * left of a comma, a for loop's init or step?  The last statement of
 * ({ ...; f(); }) is the statement expression's value, not thrown away. */
bool FnLowerer::resultUnused(const Expr *E)
{
	const Stmt *Cur = E;
	for (;;) {
		const Stmt *P = parent(Cur);
		if (!P)
			return false;
		if (isa<ParenExpr>(P) || isa<FullExpr>(P) ||
		    (isa<CastExpr>(P) && cast<CastExpr>(P)->getType()->isVoidType())) {
			Cur = P;
			continue;
		}
		if (const auto *BO = dyn_cast<BinaryOperator>(P))
			return BO->getOpcode() == BO_Comma && BO->getLHS() == Cur;
		if (const auto *FS = dyn_cast<ForStmt>(P))
			return FS->getCond() != Cur;
		if (const auto *CS = dyn_cast<CompoundStmt>(P)) {
			const Stmt *G = parent(CS);
			return !(G && isa<StmtExpr>(G) && CS->body_back() == Cur);
		}
		/* a statement of its own: a branch, a loop's body, a labelled one */
		if (const auto *IS = dyn_cast<IfStmt>(P))
			return IS->getCond() != Cur;
		if (const auto *WS = dyn_cast<WhileStmt>(P))
			return WS->getCond() != Cur;
		if (const auto *DS = dyn_cast<DoStmt>(P))
			return DS->getCond() != Cur;
		return isa<LabelStmt>(P) || isa<SwitchCase>(P) || isa<AttributedStmt>(P);
	}
}

/* Where a call's result is stored: `x = f()`, `T x = f();`, else nowhere. */
Path FnLowerer::resultDest(const Expr *E)
{
	const Stmt *Cur = E;
	for (;;) {
		const Stmt *P = parent(Cur);
		if (!P)
			return Path();
		if (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P) ||
		    isa<CStyleCastExpr>(P) || isa<FullExpr>(P)) {
			Cur = P;
			continue;
		}
		if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
			if (BO->getOpcode() == BO_Comma && BO->getRHS() == Cur) {
				Cur = P;
				continue;
			}
			Path D;
			if (BO->getOpcode() == BO_Assign && BO->getRHS() == Cur &&
			    pathOf(BO->getLHS(), D))
				return D;
			return Path();
		}
		if (const auto *DS = dyn_cast<DeclStmt>(P)) {
			for (const Decl *D : DS->decls()) {
				const auto *VD = dyn_cast<VarDecl>(D);
				Path R;
				if (VD && VD->getInit() == Cur && !VD->isStaticLocal() &&
				    varRoot(VD, R))
					return R;
			}
			return Path();
		}
		return Path();
	}
}

/* ---- events of one element -------------------------------------------------- */

void FnLowerer::call(const CallExpr *CE)
{
	if (lowered.count(CE))
		return;
	lowered[CE] = true;
	uint32_t id = callIds.lookup(CE);
	if (!id)
		id = callIds[CE] = ++ncalls;
	const FunctionDecl *Callee = CE->getDirectCallee();
	llvm::SmallVector<lw_value, 8> args;
	for (const Expr *Arg : CE->arguments())
		args.push_back(ir(value(Arg)));
	Path dest = resultDest(CE);
	uint16_t flags = resultUnused(CE) ? LW_CF_UNUSED : 0;
	lw_str name = 0;
	int32_t decl = -1;
	if (Callee) {
		name = L.intern(Callee->getName());
		decl = L.fdecl(Callee);
		if (Callee->isNoReturn())
			flags |= LW_CF_NORETURN;
	} else {
		flags |= LW_CF_INDIRECT;
		QualType CT = CE->getCallee()->getType();
		if (const auto *PT = CT->getAs<PointerType>())
			CT = PT->getPointeeType();
		if (const auto *FT = CT->getAs<FunctionType>())
			if (FT->getNoReturnAttr())
				flags |= LW_CF_NORETURN;
	}
	lw_value *a = nullptr;
	if (!args.empty()) {
		a = A.Allocate<lw_value>(args.size());
		std::copy(args.begin(), args.end(), a);
	}
	lw_value target = {};
	if (!Callee) {
		/* the pointer called: (*cb)(x) calls cb, as cb(x) does */
		const Expr *T = CE->getCallee()->IgnoreParenImpCasts();
		while (const auto *UO = dyn_cast<UnaryOperator>(T)) {
			if (UO->getOpcode() != UO_Deref)
				break;
			T = UO->getSubExpr()->IgnoreParenImpCasts();
		}
		Path P;
		if (pathOf(T, P)) {
			Value tv;
			tv.kind = LW_VAL_LOAD;
			tv.path = P;
			target = ir(tv);
		}
	}
	lw_event &e = push(LW_EV_CALL, CE->getExprLoc());
	e.id = id;
	e.callee = name;
	e.decl = decl;
	e.flags = flags;
	e.nargs = (uint32_t)args.size();
	e.args = a;
	e.path = ir(dest);
	e.value = target;
	if (Callee && Callee->hasAttr<ReturnsTwiceAttr>())
		unknown(CE->getExprLoc(),
			"call to a returns_twice function: its second return is not modelled");
}

void FnLowerer::atomic(const AtomicExpr *AE)
{
	if (lowered.count(AE))
		return;
	lowered[AE] = true;
	uint32_t id = callIds.lookup(AE);
	if (!id)
		id = callIds[AE] = ++ncalls;
	llvm::SmallVector<const Expr *, 8> ops;
	atomicArgs(AE, ops);
	lw_value *a = A.Allocate<lw_value>(ops.size());
	for (size_t i = 0; i < ops.size(); i++)
		a[i] = ir(value(ops[i]));
	Path dest = resultDest(AE);
	lw_event &e = push(LW_EV_CALL, AE->getExprLoc());
	e.id = id;
	e.callee = L.intern(atomicName(AE));
	e.flags = LW_CF_ATOMIC_EXPR;
	e.nargs = (uint32_t)ops.size();
	e.args = a;
	e.path = ir(dest);
}

void FnLowerer::access(const MemberExpr *ME)
{
	const auto *Fld = dyn_cast<FieldDecl>(ME->getMemberDecl());
	if (!Fld || Fld->isAnonymousStructOrUnion())
		return; /* the named field inside gets the event */
	Path P;
	if (!pathOf(ME, P)) {
		/* &((T *)0)->f, the hand-written offsetof: no memory is
		 * touched. */
		const Expr *Base = ME;
		while (const auto *M = dyn_cast<MemberExpr>(Base->IgnoreParens()))
			Base = M->getBase();
		if (value(Base).kind == LW_VAL_INT &&
		    useOfLvalue(ME).mode == LW_ACC_ADDR)
			return;
		std::string what = "access to field '" + Fld->getName().str() +
				   "' through an expression lockwarden cannot name";
		unknown(ME->getMemberLoc(), str(what));
		return;
	}
	accessEvent(ME, P, Fld->getType(), ME->getMemberLoc());
}

/* The ACCESS of lvalue E at P, with the mode of its use; declared is the
 * field's or variable's type (an _Atomic one needs no builtins). */
void FnLowerer::accessEvent(const Expr *E, const Path &P, QualType declared, SourceLocation Loc)
{
	Use u = useOfLvalue(E);
	Value stored;
	if (u.mode == LW_ACC_WRITE && u.stored)
		stored = value(u.stored);
	uint16_t flags = u.flags;
	if (declared->isAtomicType())
		flags |= LW_AF_ATOMIC_TYPE;
	if (E->getType().isVolatileQualified())
		flags |= LW_AF_VOLATILE;
	lw_path path = ir(P);
	lw_value val = ir(stored);
	lw_event &e = push(LW_EV_ACCESS, Loc);
	e.mode = u.mode;
	e.flags = flags;
	e.path = path;
	e.value = val;
	e.call_id = u.callId;
}

/*
 * A use of a global variable, for the annotations a global can carry
 * (LW_GUARDED_BY, LW_RCU_CONFIG, LW_ATOMIC): an ACCESS whose path is the
 * global alone, with the mode of the use (`g.f = 1` writes g).  The core
 * only checks it; the state changes come from the ASSIGN and CALL events
 * as before.
 */
void FnLowerer::globalAccess(const DeclRefExpr *DR, const VarDecl *VD)
{
	if (!L.watchedGlobal(VD))
		return;
	Path P;
	if (!varRoot(VD, P) || P.rootKind != LW_ROOT_GLOBAL)
		return;
	accessEvent(DR, P, VD->getType(), DR->getLocation());
}

/* The lvalue is a field, an element of an array field, or one of those
 * reached again through `*&` (possibly cast): the store is the ACCESS
 * WRITE/RMW of the MemberExpr (useOfLvalue), not an ASSIGN. */
static bool storesToField(const Expr *E)
{
	for (;;) {
		E = E->IgnoreParens();
		if (const auto *ME = dyn_cast<MemberExpr>(E))
			return isa<FieldDecl>(ME->getMemberDecl());
		const Expr *Ptr = nullptr;
		if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
			Ptr = AS->getBase();
		else if (const auto *UO = dyn_cast<UnaryOperator>(E))
			if (UO->getOpcode() == UO_Deref)
				Ptr = UO->getSubExpr();
		if (!Ptr)
			return false;
		for (;;) {
			Ptr = Ptr->IgnoreParens();
			const auto *CE = dyn_cast<CastExpr>(Ptr);
			if (!CE)
				break;
			if (CE->getCastKind() == CK_ArrayToPointerDecay)
				break;
			if (CE->getCastKind() != CK_NoOp && CE->getCastKind() != CK_BitCast)
				return false;
			Ptr = CE->getSubExpr();
		}
		if (const auto *CE = dyn_cast<ImplicitCastExpr>(Ptr)) {
			E = CE->getSubExpr(); /* the array itself */
			continue;
		}
		const auto *UO = dyn_cast<UnaryOperator>(Ptr);
		if (!UO || UO->getOpcode() != UO_AddrOf)
			return false;
		E = UO->getSubExpr();
	}
}

void FnLowerer::assign(const BinaryOperator *BO)
{
	if (!BO->isAssignmentOp())
		return;
	const Expr *LHS = BO->getLHS();
	Path P;
	if (!pathOf(LHS, P)) {
		if (!isa<MemberExpr>(LHS->IgnoreParens())) /* access() said so */
			unknown(BO->getOperatorLoc(),
				"store to an lvalue lockwarden cannot name");
		return;
	}
	if (storesToField(LHS))
		return;
	Value v;
	if (BO->getOpcode() == BO_Assign)
		v = value(BO->getRHS());
	lw_path path = ir(P);
	lw_value val = ir(v);
	lw_event &e = push(LW_EV_ASSIGN, BO->getOperatorLoc());
	e.path = path;
	e.value = val;
}

void FnLowerer::incdec(const UnaryOperator *UO)
{
	if (!UO->isIncrementDecrementOp())
		return;
	Path P;
	if (!pathOf(UO->getSubExpr(), P)) {
		if (!isa<MemberExpr>(UO->getSubExpr()->IgnoreParens()))
			unknown(UO->getOperatorLoc(),
				"increment of an lvalue lockwarden cannot name");
		return;
	}
	if (storesToField(UO->getSubExpr()))
		return;
	lw_path path = ir(P);
	lw_event &e = push(LW_EV_ASSIGN, UO->getOperatorLoc());
	e.path = path; /* value UNKNOWN */
}

/* Designated (or positional) initialisers of a new object write its fields
 * before anyone else can see it: ACCESS WRITE flagged LW_AF_INIT.  Fields
 * left to implicit zero-initialisation get no event. */
void FnLowerer::initFields(const Path &base, const InitListExpr *ILE)
{
	const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
	if (!RD || !(RD = RD->getDefinition()))
		return;
	auto one = [&](const FieldDecl *Fld, const Expr *In) {
		if (!In || isa<ImplicitValueInitExpr>(In))
			return;
		Path P = base;
		bool anon = Fld->isAnonymousStructOrUnion();
		if (!anon) {
			lw_step s;
			memset(&s, 0, sizeof(s));
			s.kind = LW_STEP_FIELD;
			s.flags = Fld->getParent()->isUnion() ? LW_SF_UNION : 0;
			s.record = L.fieldRecord(Fld);
			s.field = L.intern(Fld->getName());
			P.steps.push_back(s);
		}
		const auto *Sub = dyn_cast<InitListExpr>(In->IgnoreParens());
		if (!anon) {
			Value v;
			if (!Sub || !Fld->getType()->isRecordType())
				v = value(In);
			uint16_t flags = LW_AF_INIT;
			if (Fld->getType()->isAtomicType())
				flags |= LW_AF_ATOMIC_TYPE;
			lw_path path = ir(P);
			lw_value val = ir(v);
			lw_event &e = push(LW_EV_ACCESS, In->getBeginLoc());
			e.mode = LW_ACC_WRITE;
			e.flags = flags;
			e.path = path;
			e.value = val;
		}
		if (Sub && Fld->getType()->isRecordType())
			initFields(P, Sub);
	};
	Lowerer::eachFieldInit(RD, ILE, one);
}

void FnLowerer::decl(const DeclStmt *DS)
{
	for (const Decl *D : DS->decls()) {
		const auto *VD = dyn_cast<VarDecl>(D);
		if (!VD) {
			if (isa<TypedefNameDecl>(D))
				L.stray(D, "typedef");
			else if (const auto *RD = dyn_cast<RecordDecl>(D))
				L.stray(D, RD->isUnion() ? "union" : "struct");
			continue;
		}
		L.stray(VD, "local variable");
		/* Statics are initialised once, before main; block-scope
		 * externs are not definitions. */
		if (VD->hasGlobalStorage()) {
			L.useIn(VD->getInit()); /* a static table of callbacks */
			L.fnStores(VD);
			continue;
		}
		Path P;
		P.rootKind = LW_ROOT_LOCAL;
		P.root = local(VD);
		const Expr *Init = VD->getInit();
		if (!Init)
			continue;
		const auto *ILE = dyn_cast<InitListExpr>(Init->IgnoreParens());
		Value v;
		if (ILE && !VD->getType()->isRecordType() && ILE->getNumInits() == 1)
			v = value(ILE->getInit(0)); /* int x = { 1 }; */
		else if (!ILE)
			v = value(Init);
		lw_path path = ir(P);
		lw_value val = ir(v);
		lw_event &e = push(LW_EV_ASSIGN, VD->getLocation());
		e.path = path;
		e.value = val;
		if (ILE && VD->getType()->isRecordType())
			initFields(P, ILE);
	}
}

} // namespace lwc
